// Loads the benchmark dataset for bench/run.sh, deterministically (seeded): N contacts, N/10 companies, 2 activities per
// contact (a note and a call, linked to it through activity_contacts), custom fields `tier` (select) and `score`
// (number) set on every contact; then refreshes the planner's statistics. Prints, on stdout, one line per value run.sh
// reads:
//   KEY=<api key>  CONTACT=<a contact id>  LASTNAME=<a last name with rows>  LOAD_SECONDS=<seconds>
// and, if a fourth argument is given, writes the ids of the first contacts (up to 5,000, never the one printed as
// CONTACT) to that file, one per line, for the write cases. Progress goes to stderr.
//   dotnet bench/loader/bin/Release/net10.0/CrmApi.Bench.Loader.dll <contacts> <sqlite|postgres> <connection string> [ids file]
//
// The workspace, custom fields and API key go through the Application's use cases. The bulk rows are built with the
// Domain's factories and written with the database's own bulk path (BulkWriter): column names, types and value
// conversions come from the Infrastructure's EF Core model, so the rows are the ones the API would have written.
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmApi.Application;
using CrmApi.Application.ApiKeys;
using CrmApi.Application.Common;
using CrmApi.Application.CustomFields;
using CrmApi.Bench.Loader;
using CrmApi.Domain.Activities;
using CrmApi.Domain.Common;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Workspaces;
using CrmApi.Infrastructure;
using CrmApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: CrmApi.Bench.Loader <contacts> <sqlite|postgres> <connection string> [ids file]");
    return 2;
}
var count = int.Parse(args[0], CultureInfo.InvariantCulture);
var provider = args[1];
var cs = args[2];
var idsFile = args.Length > 3 ? args[3] : null;
if (count < 1) throw new ArgumentOutOfRangeException(nameof(args), "At least one contact.");

var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Crm:Database:Provider"] = provider,
    ["ConnectionStrings:Crm"] = cs,
}).Build();
var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddCrmApplication().AddCrmInfrastructure(config);
await using var root = services.BuildServiceProvider();

// Everything below is a function of these seeds and the count, except the API key (a secret, drawn by the use case).
var ids = new Random(7);
var random = new Random(42);
var epoch = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
var workspaceId = Uuid7(epoch, ids);

var load = Stopwatch.StartNew();
string key;
await using (var scope = root.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
    scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
    var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
    db.Workspaces.Add(new Workspace(workspaceId, "bench", epoch));
    await db.SaveChangesAsync();
    var fields = scope.ServiceProvider.GetRequiredService<CustomFieldHandlers>();
    foreach (var json in new[]
    {
        """{"key":"tier","label":"Tier","type":"select","options":["gold","silver","bronze","none"]}""",
        """{"key":"score","label":"Score","type":"number"}""",
    })
    {
        var created = await fields.CreateAsync("contact", JsonNode.Parse(json)!.AsObject(), CancellationToken.None);
        if (!created.IsSuccess) throw new InvalidOperationException($"Custom field: {string.Join("; ", created.Errors)}");
    }
    // The rows below write the slots directly: they must be the ones the use case gave the two fields.
    var slots = await db.CustomFields.AsNoTracking().OrderBy(f => f.Key).Select(f => f.Key + "=" + f.Slot).ToListAsync();
    if (string.Join(",", slots) != "score=D1,tier=S1")
        throw new InvalidOperationException($"Expected tier in S1 and score in D1, got {string.Join(", ", slots)}.");
    key = scope.ServiceProvider.GetRequiredService<ApiKeyHandlers>().Issue(workspaceId, "bench", [Scopes.All], null, DateTimeOffset.UtcNow).Key;
    await db.SaveChangesAsync();
}
Console.Error.WriteLine($"schema and workspace {load.Elapsed.TotalSeconds:F1} s");

string[] tiers = ["gold", "silver", "bronze", "none"];
string[] lastNames = [.. Enumerable.Range(0, 2000).Select(i => $"Name{i:D4}")];
string[] industries = ["Software", "Retail", "Manufacturing", "Finance", "Health"];
string[] outcomes = ["connected", "voicemail", "no answer"];
var companies = Math.Max(1, count / 10);
var middle = count / 2;
var (middleContact, middleLastName) = (Guid.Empty, "");
var firstIds = new List<Guid>();

await using (var scope = root.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
    await using var bulk = await BulkWriter.OpenAsync(db, ["companies", "contacts", "activities", "activity_contacts"]);

    var step = Stopwatch.StartNew();
    await bulk.InsertAsync(Enumerable.Range(0, companies).Select(i =>
    {
        var at = epoch.AddSeconds(i * 300L);
        return Company.Create(Uuid7(at, ids), workspaceId, new CompanyDetails(
            $"Company {i}", $"company{i}.example", industries[random.Next(industries.Length)], random.Next(1, 5000),
            null, null, Address.Empty, [], new Dictionary<string, string>()), at);
    }).ToList());
    Console.Error.WriteLine($"{companies:N0} companies {step.Elapsed.TotalSeconds:F1} s");

    // Contacts and their activities are generated together (contact i, then its note and call), written table by
    // table in chunks so memory stays flat at any N.
    step.Restart();
    const int Chunk = 20_000;
    for (var from = 0; from < count; from += Chunk)
    {
        var contacts = new List<Contact>(Chunk);
        var activities = new List<Activity>(2 * Chunk);
        for (var i = from; i < Math.Min(count, from + Chunk); i++)
        {
            // One contact every 30 s from the epoch: 1,000,000 contacts span about a year.
            var at = epoch.AddSeconds(i * 30L);
            var id = Uuid7(at, ids);
            var lastName = lastNames[random.Next(lastNames.Length)];
            var custom = CustomSlots.Empty with { S1 = tiers[random.Next(tiers.Length)], D1 = random.Next(0, 100_000) };
            contacts.Add(Contact.Create(id, workspaceId, new ContactDetails(
                $"First{i}", lastName, [], [], null, null, null, null, Address.Empty, [], new Dictionary<string, string>(), custom), at));
            if (i == middle) (middleContact, middleLastName) = (id, lastName);
            else if (firstIds.Count < 5000 && i < middle) firstIds.Add(id);

            var noteAt = at.AddMinutes(random.Next(1, 60 * 24 * 30));
            activities.Add(Activity.Create(Uuid7(noteAt, ids), workspaceId, new ActivityDetails(
                ActivityType.Note, noteAt, [id], [], Body: $"Met First{i} {lastName}; follow up next quarter."), noteAt));
            var callAt = at.AddMinutes(random.Next(1, 60 * 24 * 30));
            activities.Add(Activity.Create(Uuid7(callAt, ids), workspaceId, new ActivityDetails(
                ActivityType.Call, callAt, [id], [], Direction: Direction.Outbound, DurationSeconds: random.Next(30, 1800),
                Outcome: outcomes[random.Next(outcomes.Length)]), callAt));
        }
        await bulk.InsertAsync(contacts);
        await bulk.InsertAsync(activities);
        await bulk.InsertAsync(activities.SelectMany(a => a.Contacts).ToList());
        var done = Math.Min(count, from + Chunk);
        if (done == count || done % 100_000 == 0)
            Console.Error.WriteLine($"{done:N0}/{count:N0} contacts with activities {step.Elapsed.TotalSeconds:F1} s");
    }

    Console.Error.WriteLine(bulk.Summary);
    step.Restart();
    await bulk.FinishAsync();
    Console.Error.WriteLine($"indexes and statistics {step.Elapsed.TotalSeconds:F1} s");
}
load.Stop();
if (provider == "sqlite") Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Console.Error.WriteLine($"load {load.Elapsed.TotalSeconds:F1} s");
if (idsFile is not null) await File.WriteAllLinesAsync(idsFile, firstIds.Select(i => i.ToString()));
Console.WriteLine($"KEY={key}");
Console.WriteLine($"CONTACT={middleContact}");
Console.WriteLine($"LASTNAME={middleLastName}");
Console.WriteLine($"LOAD_SECONDS={load.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)}");
return 0;

// A UUIDv7 (RFC 9562) for the given time with its random bits from a seeded generator, so ids repeat run to run.
static Guid Uuid7(DateTimeOffset at, Random random)
{
    Span<byte> b = stackalloc byte[16];
    random.NextBytes(b);
    var ms = at.ToUnixTimeMilliseconds();
    for (var i = 0; i < 6; i++) b[i] = (byte)(ms >> (8 * (5 - i)));
    b[6] = (byte)(0x70 | (b[6] & 0x0F));
    b[8] = (byte)(0x80 | (b[8] & 0x3F));
    return new Guid(b, bigEndian: true);
}
