// The driver of bench/segments.sh: talks to a running API over loopback and prints a markdown section on stdout
// (progress on stderr). Two modes:
//
//   latency --url U --key K --ids FILE --segments N --updates N [--rate R] [--warmup N] [--api-pid P] [--db-pid P] [--clk-tck T]
//     Creates N dynamic contact segments over the loaded fields plus a probe segment (lifecycleStage eq customer),
//     waits until all are ready and the engine has applied every event written so far, then sends N merge patches paced
//     at R per second, each flipping one contact into or out of the probe, while a long-poll reader on the change feed
//     (types=segment.*) notes when the probe's segment.entered / segment.exited for that contact arrives. Latency: the
//     arrival of the event minus the arrival of the PATCH's 200.
//
//   build --url U --key K --segment 'name|filter' [--segment ...] --marker CONTACT [--poll-ms 100] [--api-pid P] [--db-pid P] [--clk-tck T]
//     Creates each segment in turn and times it from the 201 to state ready (GET every poll-ms), then how long the engine
//     takes to apply the events the build wrote (until every segment's processedSequence passes a marker update).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

if (args.Length < 1 || args[0] is not ("latency" or "build"))
{
    Console.Error.WriteLine("usage: CrmApi.Bench.Segments latency|build --url U --key K ... (see Program.cs)");
    return 2;
}
var o = Options.Parse(args[1..]);
using var api = new Api(o.One("url"), o.One("key"));
var cpu = new Cpu(o.Int("api-pid", 0), o.Int("db-pid", 0), o.Int("clk-tck", 100));
try
{
    return args[0] == "latency"
        ? await Bench.LatencyAsync(api, cpu, o)
        : await Bench.BuildAsync(api, cpu, o);
}
catch (BenchException e)
{
    Console.Error.WriteLine($"segments driver: {e.Message}");
    return 1;
}

internal static class Bench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> LatencyAsync(Api api, Cpu cpu, Options o)
    {
        var ids = File.ReadAllLines(o.One("ids")).Where(l => l.Length > 0).ToList();
        var segmentCount = o.Int("segments", 100);
        var updates = o.Int("updates", 300);
        var rate = o.Double("rate", 10);
        var warmup = o.Int("warmup", 20);
        // Each contact is flipped twice: in during the first half of the run, out again half a run later, so no two
        // changes of one contact are close enough to be applied in one batch (which would net out to no event at all).
        var half = (updates + 1) / 2;
        var warmHalf = (warmup + 1) / 2;
        if (ids.Count < half + warmHalf + 1) throw new BenchException($"{ids.Count} contacts in the ids file; {half + warmHalf + 1} needed");
        var marker = ids[^1];

        // --- segments ---------------------------------------------------------------------------------------------
        var definitions = Filters.Dynamic(segmentCount);
        var started = Stopwatch.GetTimestamp();
        var created = new List<(string Id, Filters.Definition Def)>();
        foreach (var d in definitions) created.Add((await CreateAsync(api, d.Name, d.Filter), d));
        var probeFilter = """{"lifecycleStage":{"eq":"customer"}}""";
        var probe = await CreateAsync(api, "probe: lifecycleStage eq customer", probeFilter);
        var createSeconds = Seconds(started);
        Log($"{created.Count + 1} segments created in {createSeconds:F1} s; waiting until all are ready");
        var all = await WaitAllReadyAsync(api, created.Count + 1, TimeSpan.FromMinutes(60));
        var readySeconds = Seconds(started);
        var members = all.Sum(s => s.Members);
        Log($"all ready {readySeconds:F1} s after the first POST; {members:N0} members");

        // The feed has no "latest" shortcut: a marker update's own event gives both the position to wait for and the
        // cursor to read from (the page's nextCursor is its last event's position).
        var catchUp = Stopwatch.GetTimestamp();
        var (markerSequence, cursor) = await MarkerAsync(api, marker, "Segments bench marker");
        await WaitProcessedAsync(api, markerSequence, TimeSpan.FromMinutes(30));
        var catchUpSeconds = Seconds(catchUp);
        Log($"engine caught up with the build events in {catchUpSeconds:F1} s (position {markerSequence:N0})");

        // --- reader -----------------------------------------------------------------------------------------------
        using var stop = new CancellationTokenSource();
        using var readerApi = api.Clone();
        var seen = new Dictionary<(string Contact, string Type), long>();
        var segmentEvents = 0L;
        var gate = new object();
        var reader = Task.Run(async () =>
        {
            var after = cursor;
            while (!stop.IsCancellationRequested)
            {
                JsonDocument page;
                try
                {
                    page = await readerApi.GetAsync($"/api/v1/events?types=segment.*&after={after}&limit=1000&wait=30", stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                var at = Stopwatch.GetTimestamp();
                using (page)
                {
                    lock (gate)
                    {
                        foreach (var e in page.RootElement.GetProperty("data").EnumerateArray())
                        {
                            segmentEvents++;
                            if (e.GetProperty("object").GetProperty("id").GetString() != probe) continue;
                            var key = (e.GetProperty("data").GetProperty("recordId").GetString()!, e.GetProperty("type").GetString()!);
                            seen.TryAdd(key, at);
                        }
                    }
                    after = page.RootElement.GetProperty("nextCursor").GetString()!;
                }
            }
        });

        // --- updates ----------------------------------------------------------------------------------------------
        async Task<List<Sample>> RunAsync(List<string> contacts, int count)
        {
            var samples = new List<Sample>(count);
            var h = contacts.Count;
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var due = t0 + (long)(i / rate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var contact = contacts[i % h];
                var enter = i / h % 2 == 0;
                var sent = Stopwatch.GetTimestamp();
                using (await api.SendAsync(HttpMethod.Patch, $"/api/v1/contacts/{contact}",
                           enter ? """{"lifecycleStage":"customer"}""" : """{"lifecycleStage":"lead"}""", HttpStatusCode.OK, "application/merge-patch+json"))
                {
                }
                samples.Add(new Sample(contact, enter ? "segment.entered" : "segment.exited", sent, Stopwatch.GetTimestamp()));
            }
            // Every expected event, or the timeout after the last update.
            var deadline = Stopwatch.GetTimestamp() + (long)(EventTimeout.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                lock (gate)
                {
                    if (samples.All(s => seen.ContainsKey((s.Contact, s.Type)))) break;
                }
                await Task.Delay(20);
            }
            lock (gate)
            {
                foreach (var s in samples) s.Seen = seen.TryGetValue((s.Contact, s.Type), out var at) ? at : null;
            }
            return samples;
        }

        Log($"warm-up: {warmup} updates");
        var warm = await RunAsync(ids.GetRange(half, warmHalf), warmup);
        // What the API spends with nothing to do (the worker's poll, the waiting reader), to set against the updates.
        const int IdleSeconds = 5;
        var idleBefore = cpu.Read();
        await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
        var idleAfter = cpu.Read();
        var cpuBefore = cpu.Read();
        long eventsBefore;
        lock (gate) eventsBefore = segmentEvents;
        Log($"measuring: {updates} updates at {rate} per second");
        var run = Stopwatch.GetTimestamp();
        var samples = await RunAsync(ids.GetRange(0, half), updates);
        var runSeconds = Seconds(run);
        var cpuAfter = cpu.Read();
        long eventsDuring;
        lock (gate) eventsDuring = segmentEvents - eventsBefore;
        await stop.CancelAsync();
        await reader;
        var probeNow = await SegmentAsync(api, probe);

        // --- report -----------------------------------------------------------------------------------------------
        var ok = samples.Where(s => s.Seen is not null).ToList();
        var missing = samples.Count - ok.Count;
        var fromOk = ok.Select(s => Ms(s.Ok, s.Seen!.Value)).ToList();
        var fromSent = ok.Select(s => Ms(s.Sent, s.Seen!.Value)).ToList();
        var roundTrip = samples.Select(s => Ms(s.Sent, s.Ok)).ToList();
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"### Update latency: {segmentCount} dynamic segments + 1 probe");
        sb.AppendLine();
        sb.AppendLine(Inv, $"- Segments: {created.Count + 1} created in {createSeconds:F1} s; all `ready` {readySeconds:F1} s after the first POST, "
            + $"with {members:N0} members in all (as many `segment.entered` events). The engine then applied the events written until then in "
            + $"{catchUpSeconds:F1} s more (every segment's `processedSequence` past a marker update at position {markerSequence:N0}).");
        sb.AppendLine(Inv, $"- Updates: {warmup} warm-up, then {updates} `PATCH /contacts/{{id}}` (`lifecycleStage` customer ↔ lead), one at a time at "
            + $"{rate:0.#}/s over {runSeconds:F1} s; {half} contacts, each in, then out {half / rate:0.#} s later. {eventsDuring:N0} `segment.*` events on the feed "
            + $"during the run (the probe's and those of the segments whose filter has `lifecycleStage`). Probe now: {probeNow.Members} members, `{probeNow.State}`.");
        sb.AppendLine(Inv, $"- Reader: one long poll at a time, `GET /events?types=segment.*&after=…&limit=1000&wait=30`; the time an event is *seen* is "
            + $"when the response holding it arrived. An event not seen within 30 s of the last update counts as missing.");
        sb.AppendLine();
        sb.AppendLine("| interval | count | p50 ms | p90 ms | p99 ms | max ms | missing |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        sb.AppendLine(Row("PATCH's 200 received → probe's event seen on the feed", fromOk, missing));
        sb.AppendLine(Row("PATCH sent → probe's event seen", fromSent, missing));
        sb.AppendLine(Row("PATCH round trip (sent → 200)", roundTrip, 0));
        var warmOk = warm.Where(s => s.Seen is not null).Select(s => Ms(s.Ok, s.Seen!.Value)).ToList();
        sb.AppendLine(Row("warm-up: PATCH's 200 → event seen (not in the figures above)", warmOk, warm.Count - warmOk.Count));
        sb.AppendLine();
        if (cpu.Enabled)
        {
            var (apiTicks, dbTicks) = (cpuAfter.Api - cpuBefore.Api, cpuAfter.Db - cpuBefore.Db);
            sb.Append(Inv, $"CPU per update during the measured run (its PATCH, the engine's steps, the feed's reads): API {apiTicks * 1000.0 / cpu.ClkTck / updates:F1} ms");
            if (cpu.HasDb) sb.Append(Inv, $", PostgreSQL cluster {dbTicks * 1000.0 / cpu.ClkTck / updates:F1} ms");
            sb.Append(Inv, $" (/proc/<pid>/stat, {1000.0 / cpu.ClkTck:0} ms ticks). Idle for {IdleSeconds} s before the run: API {(idleAfter.Api - idleBefore.Api) * 1000.0 / cpu.ClkTck / IdleSeconds:F1} ms per s");
            if (cpu.HasDb) sb.Append(Inv, $", PostgreSQL {(idleAfter.Db - idleBefore.Db) * 1000.0 / cpu.ClkTck / IdleSeconds:F1} ms per s");
            sb.AppendLine(".");
            sb.AppendLine();
        }
        sb.AppendLine("Segments by filter family (N = a variant's parameter; member counts after the build):");
        sb.AppendLine();
        sb.AppendLine("| family | example filter | segments | members (all) | members (min–max) |");
        sb.AppendLine("|---|---|---:|---:|---:|");
        var counts = all.ToDictionary(s => s.Id, s => s.Members);
        foreach (var family in created.GroupBy(c => c.Def.Family))
        {
            var m = family.Select(c => counts[c.Id]).ToList();
            sb.AppendLine(Inv, $"| {family.Key} | `{family.First().Def.Filter}` | {m.Count} | {m.Sum():N0} | {m.Min():N0}–{m.Max():N0} |");
        }
        sb.AppendLine(Inv, $"| probe | `{probeFilter}` | 1 | {counts[probe]:N0} | |");
        Console.Write(sb.ToString());
        Console.Out.Flush();
        Console.Error.WriteLine($"LATENCY p50={Pct(fromOk, 0.5):F1} p90={Pct(fromOk, 0.9):F1} p99={Pct(fromOk, 0.99):F1} max={Pct(fromOk, 1):F1} ms; missing {missing}");
        return missing == samples.Count ? 1 : 0;
    }

    public static async Task<int> BuildAsync(Api api, Cpu cpu, Options o)
    {
        var pollMs = o.Int("poll-ms", 100);
        var marker = o.One("marker");
        var sb = new StringBuilder();
        sb.AppendLine("| segment | filter | members (= `segment.entered` events) | build s (201 → `ready`) | members/s | s to half the members | engine catch-up s | API CPU s |"
            + (cpu.HasDb ? " DB CPU s |" : ""));
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|" + (cpu.HasDb ? "---:|" : ""));
        var n = 0;
        foreach (var spec in o.All("segment"))
        {
            var bar = spec.IndexOf('|', StringComparison.Ordinal);
            var (name, filter) = (spec[..bar], spec[(bar + 1)..]);
            var before = cpu.Read();
            var id = await CreateAsync(api, name, filter);
            var t0 = Stopwatch.GetTimestamp();
            Log($"building '{name}' {filter}");
            SegmentState s;
            var deadline = DateTime.UtcNow.AddMinutes(60);
            // Members come in committed parts while it builds: when half were in shows whether the parts slow down.
            var progress = new List<(double Seconds, int Members)>();
            while (true)
            {
                s = await SegmentAsync(api, id);
                progress.Add((Seconds(t0), s.Members));
                if (s.State == "ready") break;
                if (DateTime.UtcNow > deadline) throw new BenchException($"segment '{name}' not ready after 60 minutes");
                await Task.Delay(pollMs);
            }
            var build = Seconds(t0);
            var half = progress.First(p => p.Members * 2 >= s.Members).Seconds;
            Log($"ready in {build:F2} s, {s.Members:N0} members (half of them after {half:F2} s)");
            // The events the build wrote go through the engine's event batches too (each a step of its own) before a
            // contact change behind them is applied.
            var c0 = Stopwatch.GetTimestamp();
            var (sequence, _) = await MarkerAsync(api, marker, $"Segments bench marker {++n}");
            await WaitProcessedAsync(api, sequence, TimeSpan.FromMinutes(60));
            var catchUp = Seconds(c0);
            Log($"engine caught up in {catchUp:F2} s");
            var after = cpu.Read();
            var cpuCols = cpu.Enabled ? $"{(after.Api - before.Api) / (double)cpu.ClkTck:F1} |" : "– |";
            if (cpu.HasDb) cpuCols += $" {(after.Db - before.Db) / (double)cpu.ClkTck:F1} |";
            sb.AppendLine(Inv, $"| {name} | `{filter}` | {s.Members:N0} | {build:F2} | {(build > 0 ? s.Members / build : 0):N0} | {half:F2} | {catchUp:F2} | {cpuCols}");
        }
        Console.Write(sb.ToString());
        return 0;
    }

    private static string Row(string what, List<double> ms, int missing) => ms.Count == 0
        ? $"| {what} | 0 | – | – | – | – | {missing} |"
        : string.Create(Inv, $"| {what} | {ms.Count} | {Pct(ms, 0.5):F1} | {Pct(ms, 0.9):F1} | {Pct(ms, 0.99):F1} | {Pct(ms, 1):F1} | {missing} |");

    /// <summary>Nearest-rank percentile.</summary>
    private static double Pct(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
    private static double Seconds(long from) => Stopwatch.GetElapsedTime(from).TotalSeconds;
    private static void Log(string message) => Console.Error.WriteLine($"[segments] {message}");

    private static async Task<string> CreateAsync(Api api, string name, string filter)
    {
        var body = new JsonObject { ["name"] = name, ["objectType"] = "contact", ["kind"] = "dynamic", ["filter"] = JsonNode.Parse(filter) };
        using var doc = await api.SendAsync(HttpMethod.Post, "/api/v1/segments", body.ToJsonString(), HttpStatusCode.Created);
        return doc.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<SegmentState> SegmentAsync(Api api, string id)
    {
        using var doc = await api.GetAsync($"/api/v1/segments/{id}");
        return SegmentState.From(doc.RootElement);
    }

    /// <summary>Every segment, once all <paramref name="count"/> are ready (polled every second).</summary>
    private static async Task<List<SegmentState>> WaitAllReadyAsync(Api api, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = -1;
        while (true)
        {
            using var doc = await api.GetAsync("/api/v1/segments");
            var all = doc.RootElement.GetProperty("data").EnumerateArray().Select(SegmentState.From).ToList();
            var ready = all.Count(s => s.State == "ready");
            if (all.Count >= count && ready == all.Count) return all;
            if (ready / 10 != last / 10) Log($"{ready}/{all.Count} ready");
            last = ready;
            if (DateTime.UtcNow > deadline) throw new BenchException($"only {ready} of {all.Count} segments ready after {timeout.TotalMinutes} minutes");
            await Task.Delay(1000);
        }
    }

    /// <summary>Until every segment's members reflect the log up to <paramref name="sequence"/> (polled every 200 ms).</summary>
    private static async Task WaitProcessedAsync(Api api, long sequence, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var doc = await api.GetAsync("/api/v1/segments");
            var all = doc.RootElement.GetProperty("data").EnumerateArray().Select(SegmentState.From).ToList();
            if (all.All(s => s.State == "ready" && s.Processed >= sequence)) return;
            if (DateTime.UtcNow > deadline)
                throw new BenchException($"segments not past position {sequence} after {timeout.TotalMinutes} minutes (lowest {all.Min(s => s.Processed)})");
            await Task.Delay(200);
        }
    }

    /// <summary>Updates a contact's jobTitle (no segment filter uses it); returns that update's position and the feed cursor at it.</summary>
    private static async Task<(long Sequence, string Cursor)> MarkerAsync(Api api, string contact, string title)
    {
        using (await api.SendAsync(HttpMethod.Patch, $"/api/v1/contacts/{contact}", new JsonObject { ["jobTitle"] = title }.ToJsonString(),
                   HttpStatusCode.OK, "application/merge-patch+json"))
        {
        }
        var after = "";
        while (true)
        {
            using var doc = await api.GetAsync($"/api/v1/events?objectId={contact}&limit=1000" + (after.Length > 0 ? $"&after={after}" : ""));
            var data = doc.RootElement.GetProperty("data").EnumerateArray().ToList();
            after = doc.RootElement.GetProperty("nextCursor").GetString()!;
            if (data.Count < 1000)
            {
                var update = data.LastOrDefault(e => e.GetProperty("type").GetString() == "contact.updated"
                                                     && e.GetProperty("object").GetProperty("id").GetString() == contact);
                if (update.ValueKind != JsonValueKind.Object) throw new BenchException($"no contact.updated event for the marker contact {contact}");
                // The last event about the contact is the update (nothing else touches it), so the cursor is at its position.
                if (data[^1].GetProperty("id").GetString() != update.GetProperty("id").GetString())
                    throw new BenchException("the marker update is not the last event about its contact");
                return (update.GetProperty("sequence").GetInt64(), after);
            }
        }
    }
}

internal sealed class Sample(string contact, string type, long sent, long ok)
{
    public string Contact { get; } = contact;
    public string Type { get; } = type;
    public long Sent { get; } = sent;
    public long Ok { get; } = ok;
    public long? Seen { get; set; }
}

internal sealed record SegmentState(string Id, string State, int Members, long Processed)
{
    public static SegmentState From(JsonElement e) => new(
        e.GetProperty("id").GetString()!, e.GetProperty("state").GetString()!, e.GetProperty("memberCount").GetInt32(), e.GetProperty("processedSequence").GetInt64());
}

/// <summary>The segment filters: ten families over what bench/loader fills, each in variants (N = 0, 1, ...).</summary>
internal static class Filters
{
    public sealed record Definition(string Name, string Family, string Filter);

    private static readonly string[] Tiers = ["gold", "silver", "bronze", "none"];
    private static readonly string[] Industries = ["Software", "Retail", "Manufacturing", "Finance", "Health"];

    public static List<Definition> Dynamic(int count)
    {
        var list = new List<Definition>(count);
        for (var s = 0; s < count; s++)
        {
            var v = s / 10;
            var (family, node) = (s % 10) switch
            {
                // A band of 1.5 % of the scores.
                0 => ("score band", Field("custom.score", ("gte", v % 10 * 10000), ("lt", v % 10 * 10000 + 1500))),
                // A tier's top scores: about 2.5 % (two fields in one object are ANDed).
                1 => ("tier and high score", new JsonObject
                {
                    ["custom.tier"] = Ops(("eq", Tiers[v % 4])),
                    ["custom.score"] = Ops(("gte", 90000 + v % 10 * 500)),
                }),
                // Ten last names: 0.5 %.
                2 => ("lastName in 10", Field("lastName", ("in", List(Enumerable.Range(0, 10).Select(k => $"Name{(v * 10 + k) % 2000:D4}"))))),
                // A hundred last names by prefix: 5 %.
                3 => ("lastName startsWith", Field("lastName", ("startsWith", $"Name1{v % 10}"))),
                // Gold at the very top, or one last name: about 0.8 %.
                4 => ("or of and", Or(
                    And(Field("custom.tier", ("eq", "gold")), Field("custom.score", ("gte", 97000 + v % 10 * 100))),
                    Field("lastName", ("eq", $"Name{500 + v:D4}")))),
                // A relation condition (the loaded contacts have no company link, so it adds none) or a low score: about 1 %.
                5 => ("company.industry or low score", Or(
                    Field("company.industry", ("eq", Industries[v % 5])),
                    Field("custom.score", ("lt", 500 + v % 10 * 100)))),
                // Customers of a tier: empty after the build; the updates move contacts in and out.
                6 => ("lifecycleStage and tier", And(
                    Field("lifecycleStage", ("in", List(["customer", "evangelist"]))),
                    Field("custom.tier", ("eq", Tiers[v % 4])))),
                // Created on one day (2,880 contacts a day from 2025-01-01).
                7 => ("createdAt day", Field("createdAt",
                    ("gte", $"{new DateTime(2025, 1, 1).AddDays(v):yyyy-MM-dd}T00:00:00Z"), ("lt", $"{new DateTime(2025, 1, 2).AddDays(v):yyyy-MM-dd}T00:00:00Z"))),
                // First names by their last two digits: 1 %.
                8 => ("firstName endsWith", Field("firstName", ("endsWith", $"{v * 7 % 100:D2}"))),
                // Two tiers, top scores, not one last name: about 0.75 %.
                _ => ("in, not, nin", And(
                    Field("custom.tier", ("in", List(["silver", "bronze"]))),
                    new JsonObject { ["not"] = Field("custom.score", ("lt", 98000 + v % 10 * 100)) },
                    Field("lastName", ("nin", List(["Name0000"]))))),
            };
            var filter = node.ToJsonString();
            list.Add(new Definition($"{family} {v}", family, filter));
        }
        return list;
    }

    private static JsonObject Ops(params (string Op, JsonNode? Value)[] ops)
    {
        var o = new JsonObject();
        foreach (var (op, value) in ops) o[op] = value;
        return o;
    }

    private static JsonObject Field(string name, params (string Op, JsonNode? Value)[] ops) => new() { [name] = Ops(ops) };
    private static JsonObject And(params JsonNode[] nodes) => new() { ["and"] = new JsonArray(nodes) };
    private static JsonObject Or(params JsonNode[] nodes) => new() { ["or"] = new JsonArray(nodes) };
    private static JsonArray List(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}

internal sealed class Options
{
    private readonly Dictionary<string, List<string>> values = [];

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"bad option near '{args[i]}'");
            var key = args[i][2..];
            if (!o.values.TryGetValue(key, out var list)) o.values[key] = list = [];
            list.Add(args[i + 1]);
        }
        return o;
    }

    public string One(string name) => values.TryGetValue(name, out var v) ? v[^1] : throw new ArgumentException($"--{name} is required");
    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var v) ? v : [];
    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v[^1], CultureInfo.InvariantCulture) : fallback;
    public double Double(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v[^1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed class Api : IDisposable
{
    private readonly HttpClient http;
    private readonly string url;
    private readonly string key;

    public Api(string url, string key)
    {
        (this.url, this.key) = (url, key);
        if (!new Uri(url).IsLoopback) throw new ArgumentException("The benchmark only talks to a loopback address.");
        http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>A client with connections of its own (for the long-polling reader).</summary>
    public Api Clone() => new(url, key);

    public Task<JsonDocument> GetAsync(string path, CancellationToken ct = default) => SendAsync(HttpMethod.Get, path, null, HttpStatusCode.OK, ct: ct);

    public async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? body, HttpStatusCode expected,
        string contentType = "application/json", CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
            throw new BenchException($"{method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text[..Math.Min(text.Length, 2000)]}");
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>CPU ticks (utime + stime + reaped children) of the API and, for PostgreSQL, of the postmaster and its children.</summary>
internal sealed class Cpu(int apiPid, int dbPid, int clkTck)
{
    public bool Enabled => apiPid > 0;
    public bool HasDb => dbPid > 0;
    public int ClkTck => clkTck;

    public (long Api, long Db) Read()
    {
        var api = apiPid > 0 ? Ticks(apiPid).Ticks : 0;
        long db = 0;
        if (dbPid > 0)
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
                if (int.TryParse(Path.GetFileName(dir), out var pid) && Ticks(pid) is { Ppid: var ppid, Ticks: var t } && (pid == dbPid || ppid == dbPid))
                    db += t;
        return (api, db);
    }

    private static (long Ticks, int Ppid) Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // f[0] is field 3 (state): ppid is field 4, utime..cstime fields 14..17.
            return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                    + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture),
                int.Parse(f[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }
}

internal sealed class BenchException(string message) : Exception(message);
