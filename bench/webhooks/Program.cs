// The driver of bench/webhooks.sh (see bench/README.md): hosts a loopback webhook receiver, starts and stops API
// processes itself, and measures webhook delivery:
//   1. throughput: a backlog of contact.created events written by an instance with the worker off, drained by an
//      instance with it on, to 1 endpoint and to 10;
//   2. latency: contacts created at a paced rate with the worker on, from the POST's 201 to the delivery's arrival.
// Prints a markdown report on stdout; progress goes to stderr. Every wait is bounded; API processes are stopped on exit.
//   dotnet CrmApi.Bench.Webhooks.dll --api <CrmApi.Api.dll> --provider sqlite|postgres --cs <connection string with {db}>
//     --work <dir> [--events N] [--events-10 N] [--rate R] [--seconds S] [--writers N] [--live-writers N]
//     [--drain-timeout S] [--live-timeout S] [--postmaster PID] [--clk-tck N] [--pids FILE] [--sdk V] [--smoke]
//     [--api-env KEY=VALUE]...
// --smoke only marks the report as a smoke run; the script picks the small counts.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using CrmApi.Bench.Webhooks;

Settings s;
try
{
    s = Settings.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"[webhooks] {e.Message}");
    return 2;
}

using var cancel = new CancellationTokenSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) => ApiProcess.KillAll();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine($"[webhooks] {context.Signal}: stopping");
    ApiProcess.KillAll();
    cancel.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
var ct = cancel.Token;

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = 32,
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    UseProxy = false,
    UseCookies = false,
})
{
    Timeout = TimeSpan.FromSeconds(30),
};
var crm = new CrmClient(http);
var ready = TimeSpan.FromSeconds(180);
var freq = (double)Stopwatch.Frequency;
double Since(long t0, long t1) => (t1 - t0) / freq;
void Log(string message) => Console.Error.WriteLine($"[webhooks] {DateTime.Now:HH:mm:ss} {message}");

var load = string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
var drains = new List<DrainResult>();
var lives = new List<LiveResult>();
var problems = new List<string>();
try
{
    await using var receiver = await Receiver.StartAsync(10, ct);
    Log($"receiver on 127.0.0.1, ports {receiver.Ports}");
    drains.Add(await DrainAsync(receiver, "drain1", 1, s.Events1));
    drains.Add(await DrainAsync(receiver, "drain10", 10, s.Events10));
    // Both latency runs on one instance and database (a workspace each): one startup less, and the second runs warm too.
    await using (var api = ApiProcess.Start(s, "live", "live", runWorker: true))
    {
        await api.WaitReadyAsync(http, ready, ct);
        await using var monitor = new ProcessMonitor(api.Pid, s.Postmaster, s.ClkTck);
        lives.Add(await LiveAsync(receiver, api, monitor, "live1", 1));
        lives.Add(await LiveAsync(receiver, api, monitor, "live10", 10));
    }
    if (receiver.Malformed > 0) problems.Add($"{receiver.Malformed} requests without a webhook-id or a data.object.id");
}
catch (Exception) when (ct.IsCancellationRequested)
{
    // Stopped by a signal: whatever was under way failed because its API process was killed.
    ApiProcess.KillAll();
    return 130;
}
catch (Exception e) when (e is BenchException or HttpRequestException or OperationCanceledException)
{
    await Console.Error.WriteLineAsync($"[webhooks] failed: {(e is BenchException ? e.Message : e.ToString())}");
    ApiProcess.KillAll();
    return 1;
}
finally
{
    ApiProcess.KillAll();
}

if (crm.Non2xx > 0) problems.Add($"{crm.Non2xx} answers outside 2xx from the API while setting up and creating contacts");
foreach (var d in drains.Where(d => d.Received < d.Expected))
    problems.Add($"{d.Run}: {d.Received} of {d.Expected} deliveries within {s.DrainTimeout} s");
foreach (var l in lives.Where(l => l.Received < l.Expected))
    problems.Add($"{l.Run}: {l.Received} of {l.Expected} deliveries within {s.LiveTimeout} s of the last contact");
Console.Write(Report(s, drains, lives, problems, crm.Non2xx, load));
return problems.Count == 0 ? 0 : 1;

// --- throughput ---------------------------------------------------------------------------------------------------------
async Task<DrainResult> DrainAsync(Receiver receiver, string run, int endpoints, int events)
{
    Log($"{run}: {endpoints} endpoint(s), {events} contacts, written with the worker off");
    HashSet<Guid> created;
    double createRate;
    await using (var writer = ApiProcess.Start(s, $"{run}-write", run, runWorker: false))
    {
        await writer.WaitReadyAsync(http, ready, ct);
        var key = await SetUpAsync(writer, receiver, run, endpoints);
        var t0 = Stopwatch.GetTimestamp();
        var made = await CreateContactsAsync(writer, key, events, s.Writers, rate: 0);
        createRate = made.Count / Since(t0, Stopwatch.GetTimestamp());
        writer.EnsureRunning();
        created = [.. made.Select(m => m.Id)];
        Log($"{run}: {created.Count} contacts in {Since(t0, Stopwatch.GetTimestamp()):0.0} s ({createRate:0}/s); stopping the writer");
    }

    var expected = created.Count * endpoints;
    await using var api = ApiProcess.Start(s, $"{run}-deliver", run, runWorker: true);
    await using var monitor = new ProcessMonitor(api.Pid, s.Postmaster, s.ClkTck);
    await api.WaitReadyAsync(http, ready, ct);
    Log($"{run}: worker instance ready in {Since(api.LaunchedAt, api.ReadyAt):0.0} s; draining {expected} deliveries");
    var deadline = api.ReadyAt + (long)(s.DrainTimeout * freq);
    var lastLog = Stopwatch.GetTimestamp();
    while (receiver.Unique(run) < expected && Stopwatch.GetTimestamp() < deadline)
    {
        api.EnsureRunning();
        await Task.Delay(5, ct);
        if (Since(lastLog, Stopwatch.GetTimestamp()) >= 10)
        {
            lastLog = Stopwatch.GetTimestamp();
            Log($"{run}: {receiver.Unique(run)} of {expected} after {Since(api.ReadyAt, lastLog):0} s");
        }
    }
    var end = Stopwatch.GetTimestamp();
    var arrivals = receiver.Arrivals(run);
    var first = FirstArrivals(arrivals);
    var times = first.Where(a => created.Contains(a.ObjectId)).Select(a => a.At).Order().ToArray();
    var start = times.Length > 0 ? Math.Min(api.ReadyAt, times[0]) : api.ReadyAt;
    var measured = monitor.Between(start, times.Length > 0 ? times[^1] : end);
    var hwm = ProcStats.MemoryMb(api.Pid, "VmHWM");
    await api.StopAsync();

    var result = new DrainResult(run, endpoints, created.Count, createRate, expected, times.Length,
        Duplicates: arrivals.Count - first.Count, Unexpected: first.Count - times.Length, measured, PeakRssMb: hwm);
    if (times.Length > 0)
    {
        result = result with
        {
            DrainSeconds = Since(start, times[^1]),
            FirstAfterReady = Since(api.ReadyAt, times[0]),
            BeforeReady = times.Count(t => t < api.ReadyAt),
            Middle80 = Middle80(times),
        };
    }
    Log($"{run}: {result.Received}/{expected} in {result.DrainSeconds:0.00} s = {result.Rate:0}/s (middle 80 %: {result.Middle80:0}/s)");
    return result;
}

// --- latency --------------------------------------------------------------------------------------------------------------
async Task<LiveResult> LiveAsync(Receiver receiver, ApiProcess api, ProcessMonitor monitor, string run, int endpoints)
{
    Log($"{run}: {endpoints} endpoint(s), {s.Rate}/s for {s.Seconds} s, worker on");
    var key = await SetUpAsync(api, receiver, run, endpoints);

    // Warm-up: half a second at the rate (new connections to new receivers, and on the first run a cold process); its
    // deliveries are awaited, not measured.
    var warm = await CreateContactsAsync(api, key, Math.Max(10, s.Rate / 2), s.LiveWriters, s.Rate);
    await WaitForAsync(receiver, api, run, warm.Count * endpoints, TimeSpan.FromSeconds(s.LiveTimeout));

    var t0 = Stopwatch.GetTimestamp();
    var made = await CreateContactsAsync(api, key, s.Rate * s.Seconds, s.LiveWriters, s.Rate);
    var createRate = made.Count / Since(t0, Stopwatch.GetTimestamp());
    var expected = made.Count * endpoints;
    await WaitForAsync(receiver, api, run, (warm.Count + made.Count) * endpoints, TimeSpan.FromSeconds(s.LiveTimeout));
    var end = Stopwatch.GetTimestamp();
    var hwm = ProcStats.MemoryMb(api.Pid, "VmHWM");

    var committed = made.ToDictionary(m => m.Id, m => m.At);
    var arrivals = receiver.Arrivals(run);
    var first = FirstArrivals(arrivals);
    var ours = first.Where(a => committed.ContainsKey(a.ObjectId)).ToList();
    var measured = monitor.Between(t0, ours.Count > 0 && ours.Count == expected ? ours.Max(a => a.At) : end);
    var latencies = first.Where(a => committed.ContainsKey(a.ObjectId))
        .Select(a => (a.At - committed[a.ObjectId]) * 1000 / freq).Order().ToArray();
    var duplicates = arrivals.Count(a => committed.ContainsKey(a.ObjectId)) - latencies.Length;
    var result = new LiveResult(run, endpoints, made.Count, createRate, expected, latencies.Length, duplicates,
        Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), latencies.Length > 0 ? latencies[^1] : double.NaN,
        latencies.Count(l => l < 0), measured, hwm);
    Log($"{run}: {result.Received}/{expected}, created {createRate:0}/s, p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms, max {result.Max:0.0} ms");
    return result;
}

async Task<string> SetUpAsync(ApiProcess api, Receiver receiver, string run, int endpoints)
{
    var key = await crm.CreateWorkspaceAsync(api.Url, s.AdminKey, $"Webhook bench {run}", ct);
    for (var e = 1; e <= endpoints; e++) await crm.CreateWebhookAsync(api.Url, key, receiver.Url(run, e), ct);
    return key;
}

async Task WaitForAsync(Receiver receiver, ApiProcess api, string run, int count, TimeSpan timeout)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * freq);
    while (receiver.Unique(run) < count && Stopwatch.GetTimestamp() < deadline)
    {
        api.EnsureRunning();
        await Task.Delay(5, ct);
    }
}

// Creates count contacts with the given writers: as fast as the API takes them (rate 0), or paced, contact i due at
// i / rate seconds from the start (a writer late for one sends it as soon as it is free). Non-2xx answers are counted.
async Task<List<(Guid Id, long At)>> CreateContactsAsync(ApiProcess api, string key, int count, int writers, int rate)
{
    var results = new (Guid Id, long At)?[count];
    var due = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = true });
    var pacer = Task.Run(async () =>
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            if (rate > 0)
            {
                var at = start + (long)(i * freq / rate);
                var wait = (at - Stopwatch.GetTimestamp()) / freq;
                if (wait > 0.001) await Task.Delay(TimeSpan.FromSeconds(wait), ct);
                while (Stopwatch.GetTimestamp() < at) Thread.SpinWait(20);
            }
            due.Writer.TryWrite(i);
        }
        due.Writer.Complete();
    }, ct);
    var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
    {
        await foreach (var i in due.Reader.ReadAllAsync(ct))
        {
            results[i] = await crm.CreateContactAsync(api.Url, key, i, ct);
        }
    }, ct)).ToList();
    await pacer;
    await Task.WhenAll(tasks);
    return [.. results.Where(r => r is not null).Select(r => r!.Value)];
}

static List<Arrival> FirstArrivals(List<Arrival> arrivals)
    => [.. arrivals.GroupBy(a => (a.Endpoint, a.WebhookId)).Select(g => g.MinBy(a => a.At))];

double Middle80(long[] sorted)
{
    if (sorted.Length < 10) return double.NaN;
    var lo = (int)Math.Floor(sorted.Length * 0.1);
    var hi = (int)Math.Ceiling(sorted.Length * 0.9) - 1;
    var seconds = Since(sorted[lo], sorted[hi]);
    return seconds > 0 ? (hi - lo) / seconds : double.NaN;
}

static double Percentile(double[] sorted, double q)
    => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

static string Report(Settings s, List<DrainResult> drains, List<LiveResult> lives, List<string> problems, int non2xx, string load)
{
    var c = CultureInfo.InvariantCulture;
    string F(double v, string format) => double.IsNaN(v) ? "–" : v.ToString(format, c);
    string Reads(WindowResult w, int deliveries)
        => deliveries == 0 ? "–" : $"{F(w.ReadCalls / (double)deliveries, "0")} ({F(w.ReadMb * 1024 / deliveries, "0")})";
    string Cpu(double seconds, double window) => $"{F(seconds, "0.0")} ({F(window > 0 ? seconds / window * 100 : double.NaN, "0")} %)";
    var pg = s.Provider == "postgres";
    var date = DateTime.Now.ToString("yyyy-MM-dd", c);
    var sb = new StringBuilder();
    void Line(string text = "") => sb.Append(text).Append('\n');
    var settings = s.ApiEnv.Count == 0 ? "default webhook settings: MaxInFlight 256, MaxConnectionsPerEndpoint 4, batches of up to 32"
        : "settings " + string.Join(", ", s.ApiEnv.Select(p => $"`{p.Key}={p.Value}`"));
    Line($"# Webhook delivery benchmark, {s.Provider} ({date})");
    Line();
    Line($"bench/webhooks.sh: the API (Release, Production, {settings}) sends `contact.created` to a loopback receiver in the"
        + " driver (Kestrel, one port per endpoint, answers 204 at once, records the arrival, checks no signature);"
        + $" {Environment.ProcessorCount} CPUs shared by the API, the driver{(pg ? ", PostgreSQL" : "")} and whatever else runs (load average at the start: {load});"
        + $" {s.Sdk} SDK; " + (pg ? "PostgreSQL from scripts/pg.sh (fsync off, synchronous_commit off)" : "SQLite (WAL, synchronous=NORMAL)")
        + (s.Smoke ? "; **smoke run: the numbers are not meaningful**" : "") + ".");
    Line();
    Line("- Throughput (backlog drain), a fresh database per row: an instance with the worker off (`Crm:Webhooks:RunWorker=false`) creates the"
        + $" workspace, the endpoints and the contacts ({s.Writers} concurrent writers, as fast as it takes them: "
        + string.Join(" and ", drains.Select(d => $"{d.CreateRate:0}/s"))
        + "), then stops; an instance with the worker on starts on the same database. Drain time: from its `/health/ready` (or the first"
        + " delivery, if earlier) to the last expected delivery; deliveries/s = deliveries ÷ drain time; middle 80 %: the rate between the"
        + $" 10th and the 90th percentile arrival. Bounded by {s.DrainTimeout} s.");
    Line("- Latency (live), one instance with the worker on and a workspace per row: after a warm-up of half a second (awaited, not counted),"
        + $" contacts are created at {s.Rate}/s for {s.Seconds} s by {s.LiveWriters} writers paced by a timer. Latency of each delivery ="
        + " its arrival at the receiver − the moment the POST's 201 (answered after the commit) reached the driver, matched on `data.object.id`.");
    Line("- CPU s over the window (drain: the drain time; live: from the first measured POST to the last delivery), from /proc, sampled every 50 ms,"
        + " with % of one CPU: the API process" + (pg ? "; DB: the PostgreSQL cluster (postmaster and backends)" : "")
        + "; driver: receiver and client; other: the rest of the machine (other processes, kernel). API threads R / D: the API's threads"
        + " running or runnable / in disk wait, averaged over the samples. API reads/delivery: the API's read calls (files and sockets,"
        + " `syscr` in /proc/<pid>/io) per delivery, and the KB they returned (`rchar`). Peak RSS: the API's VmHWM.");
    Line("- Duplicates: requests beyond the first per (endpoint, webhook-id), allowed by at-least-once delivery. Non-2xx answers from the API"
        + $" while setting up and creating contacts: {non2xx}.");
    Line();
    Line("| throughput | endpoints | contacts | deliveries | received | duplicates | drain s | deliveries/s | middle 80 % /s | target"
        + " | first delivery − ready s | API CPU s | API CPU ms/delivery" + (pg ? " | DB CPU s" : "") + " | driver CPU s | other CPU s"
        + " | API threads R / D | API reads/delivery (KB) | API peak RSS MB |");
    Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|" + (pg ? "---:|" : "") + "---:|---:|---:|---:|---:|");
    foreach (var d in drains)
    {
        var w = d.Window;
        var target = d.Endpoints == 1 ? 500 : 2000;
        Line($"| {d.Run} | {d.Endpoints} | {d.Contacts} | {d.Expected} | {d.Received} | {d.Duplicates} | {F(d.DrainSeconds, "0.00")}"
            + $" | **{F(d.Rate, "0")}** | {F(d.Middle80, "0")} | ≥ {target}/s: {(d.Rate >= target ? "met" : "missed")}"
            + $" | {F(d.FirstAfterReady, "0.00")} | {Cpu(w.ApiCpu, w.Seconds)} | {F(d.Received > 0 ? w.ApiCpu * 1000 / d.Received : double.NaN, "0.00")}"
            + (pg ? $" | {Cpu(w.DbCpu ?? double.NaN, w.Seconds)}" : "") + $" | {Cpu(w.DriverCpu, w.Seconds)} | {Cpu(w.OtherCpu, w.Seconds)}"
            + $" | {F(w.Running, "0.0")} / {F(w.Disk, "0.0")} | {Reads(w, d.Received)} | {F(d.PeakRssMb, "0")} |");
    }
    Line();
    Line("| latency | endpoints | contacts | created /s | deliveries | received | duplicates | p50 ms | p90 ms | p99 ms | max ms | API CPU s"
        + (pg ? " | DB CPU s" : "") + " | driver CPU s | other CPU s | API threads R / D | API peak RSS MB |");
    Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (pg ? "---:|" : "") + "---:|---:|---:|---:|");
    foreach (var l in lives)
    {
        var w = l.Window;
        Line($"| {l.Run} | {l.Endpoints} | {l.Contacts} | {F(l.CreateRate, "0")} | {l.Expected} | {l.Received} | {l.Duplicates}"
            + $" | **{F(l.P50, "0.0")}** | {F(l.P90, "0.0")} | **{F(l.P99, "0.0")}** | {F(l.Max, "0.0")} | {Cpu(w.ApiCpu, w.Seconds)}"
            + (pg ? $" | {Cpu(w.DbCpu ?? double.NaN, w.Seconds)}" : "") + $" | {Cpu(w.DriverCpu, w.Seconds)} | {Cpu(w.OtherCpu, w.Seconds)}"
            + $" | {F(w.Running, "0.0")} / {F(w.Disk, "0.0")} | {F(l.PeakRssMb, "0")} |");
    }
    var notes = drains.Where(d => d.BeforeReady > 0).Select(d => $"{d.Run}: {d.BeforeReady} deliveries arrived before `/health/ready`")
        .Concat(drains.Where(d => d.Unexpected > 0).Select(d => $"{d.Run}: {d.Unexpected} deliveries of events it did not create"))
        .Concat(lives.Where(l => l.Negative > 0).Select(l => $"{l.Run}: {l.Negative} deliveries arrived before their POST's 201 was read"))
        .ToList();
    if (notes.Count > 0)
    {
        Line();
        Line($"Notes: {string.Join("; ", notes)}.");
    }
    if (problems.Count > 0)
    {
        Line();
        Line($"**Incomplete or failed:** {string.Join("; ", problems)}.");
    }
    return sb.ToString();
}

internal sealed record DrainResult(
    string Run, int Endpoints, int Contacts, double CreateRate, int Expected, int Received, int Duplicates, int Unexpected,
    WindowResult Window, double PeakRssMb)
{
    public double DrainSeconds { get; init; } = double.NaN;
    public double FirstAfterReady { get; init; } = double.NaN;
    public int BeforeReady { get; init; }
    public double Middle80 { get; init; } = double.NaN;
    public double Rate => DrainSeconds > 0 ? Received / DrainSeconds : double.NaN;
}

internal sealed record LiveResult(
    string Run, int Endpoints, int Contacts, double CreateRate, int Expected, int Received, int Duplicates,
    double P50, double P90, double P99, double Max, int Negative, WindowResult Window, double PeakRssMb);

internal sealed record Settings(
    string ApiDll, string Provider, string ConnectionString, string WorkDir, string AdminKey, int Events1, int Events10, int Rate,
    int Seconds, int Writers, int LiveWriters, int DrainTimeout, int LiveTimeout, int? Postmaster, long ClkTck, string? PidsFile,
    string Sdk, bool Smoke, IReadOnlyDictionary<string, string> ApiEnv)
{
    public static Settings Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var apiEnv = new Dictionary<string, string>();
        var smoke = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--smoke")
            {
                smoke = true;
                continue;
            }
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"bad argument: {name}");
            var value = args[++i];
            if (name == "--api-env")
            {
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) throw new ArgumentException($"--api-env takes KEY=VALUE, not {value}");
                apiEnv[value[..eq]] = value[(eq + 1)..];
            }
            else
            {
                values[name[2..]] = value;
            }
        }
        string Required(string key) => values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required");
        int Int(string key, int fallback, int min)
        {
            if (!values.TryGetValue(key, out var v)) return fallback;
            return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n : throw new ArgumentException($"--{key} must be a whole number, at least {min}");
        }
        var provider = values.GetValueOrDefault("provider", "sqlite");
        if (provider is not ("sqlite" or "postgres")) throw new ArgumentException("--provider must be sqlite or postgres");
        var cs = Required("cs");
        if (!cs.Contains("{db}", StringComparison.Ordinal)) throw new ArgumentException("--cs must contain {db}");
        var work = Required("work");
        return new Settings(
            Path.GetFullPath(Required("api")), provider, cs, Path.GetFullPath(work),
            values.GetValueOrDefault("admin-key", "webhook-bench-admin-" + Guid.NewGuid().ToString("N")),
            Int("events", 10_000, 10), Int("events-10", 2_000, 10), Int("rate", 100, 1), Int("seconds", 10, 1), Int("writers", 8, 1),
            Int("live-writers", 4, 1), Int("drain-timeout", 300, 1),
            Int("live-timeout", 180, 1), values.ContainsKey("postmaster") ? Int("postmaster", 0, 1) : null, Int("clk-tck", 100, 1),
            values.GetValueOrDefault("pids"), values.GetValueOrDefault("sdk", "?"), smoke, apiEnv);
    }
}
