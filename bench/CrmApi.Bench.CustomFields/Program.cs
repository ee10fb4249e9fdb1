// Measures a list of 50 filtered on a custom field against the same list filtered on a built-in column, through the
// Application's list use case on a real database, over N contacts (default 100,000). Ratios within one run are what
// count: the machine is shared.
//   dotnet run -c Release --project bench/CrmApi.Bench.CustomFields -- [contacts] [sqlite|postgres] [connection string]
using System.Diagnostics;
using System.Text.Json.Nodes;
using CrmApi.Application;
using CrmApi.Application.Common;
using CrmApi.Application.Contacts;
using CrmApi.Application.CustomFields;
using CrmApi.Application.Querying;
using CrmApi.Domain.Common;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Workspaces;
using CrmApi.Infrastructure;
using CrmApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var provider = args.Length > 1 ? args[1] : "sqlite";
var file = Path.Combine(Path.GetTempPath(), $"crm-bench-{Guid.NewGuid():N}.db");
var cs = args.Length > 2 ? args[2] : $"Data Source={file}";

var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Crm:Database:Provider"] = provider,
    ["ConnectionStrings:Crm"] = cs,
}).Build();
var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddCrmApplication().AddCrmInfrastructure(config);
await using var root = services.BuildServiceProvider();

var workspaceId = Guid.CreateVersion7();
await using (var scope = root.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
    scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
    var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
    db.Workspaces.Add(new Workspace(workspaceId, "bench", DateTimeOffset.UtcNow));
    await db.SaveChangesAsync();
    var fields = scope.ServiceProvider.GetRequiredService<CustomFieldHandlers>();
    await fields.CreateAsync("contact", JsonNode.Parse("""{"key":"tier","label":"Tier","type":"select","options":["gold","silver","bronze","none"]}""")!.AsObject(), CancellationToken.None);
    await fields.CreateAsync("contact", JsonNode.Parse("""{"key":"score","label":"Score","type":"number"}""")!.AsObject(), CancellationToken.None);
}

var load = Stopwatch.StartNew();
var random = new Random(42);
string[] tiers = ["gold", "silver", "bronze", "none"];
string[] lastNames = [.. Enumerable.Range(0, 2000).Select(i => $"Name{i:D4}")];
for (var batch = 0; batch < count; batch += 5000)
{
    await using var scope = root.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
    var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    var now = DateTimeOffset.UtcNow;
    for (var i = batch; i < Math.Min(count, batch + 5000); i++)
    {
        var slots = CustomSlots.Empty with { S1 = tiers[random.Next(tiers.Length)], D1 = random.Next(0, 100_000) };
        db.Contacts.Add(Contact.Create(Guid.CreateVersion7(now.AddTicks(i)), workspaceId, new ContactDetails(
            $"First{i}", lastNames[random.Next(lastNames.Length)], [], [], null, null, null, null, Address.Empty, [],
            new Dictionary<string, string>(), slots), now.AddTicks(i * 10)));
    }
    await db.SaveChangesAsync();
}
load.Stop();
// Statistics for the planner, as the host gathers at start (SQLite: PRAGMA optimize; PostgreSQL: ANALYZE).
await using (var scope = root.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");

async Task<double> TimeAsync(string filter, string sort)
{
    var samples = new List<double>();
    for (var run = 0; run < 25; run++)
    {
        await using var scope = root.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
        var contacts = scope.ServiceProvider.GetRequiredService<ContactHandlers>();
        var sw = Stopwatch.StartNew();
        var page = await contacts.ListAsync(new ListRequest { FilterText = filter, Sort = sort, Limit = 50 }, CancellationToken.None);
        sw.Stop();
        if (!page.IsSuccess || page.Value!.Items.Count == 0) throw new InvalidOperationException($"No rows for {filter}: {string.Join("; ", page.Errors)}");
        if (run >= 5) samples.Add(sw.Elapsed.TotalMilliseconds); // the first runs warm up
    }
    samples.Sort();
    return samples[samples.Count / 2];
}

var builtIn = await TimeAsync("""{"lastName":{"eq":"Name0042"}}""", "-createdAt");
var builtInWide = await TimeAsync("""{"lastName":{"startsWith":"Name00"}}""", "-createdAt");
var customSameSort = await TimeAsync("""{"custom.tier":{"eq":"gold"}}""", "-createdAt");
var custom = await TimeAsync("""{"custom.tier":{"eq":"gold"}}""", "-custom.score");
var customNarrow = await TimeAsync("""{"custom.tier":{"eq":"gold"},"custom.score":{"gte":99000}}""", "-custom.score");
Console.WriteLine($"| {provider} | {count:N0} contacts | load {load.Elapsed.TotalSeconds:F1} s |");
Console.WriteLine("| list of 50 | median ms | ratio to built-in eq |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| lastName eq, sort -createdAt | {builtIn:F2} | 1.00 |");
Console.WriteLine($"| lastName startsWith, sort -createdAt | {builtInWide:F2} | {builtInWide / builtIn:F2} |");
Console.WriteLine($"| custom.tier eq, sort -createdAt | {customSameSort:F2} | {customSameSort / builtIn:F2} |");
Console.WriteLine($"| custom.tier eq, sort -custom.score | {custom:F2} | {custom / builtIn:F2} |");
Console.WriteLine($"| custom.tier eq and custom.score gte, sort -custom.score | {customNarrow:F2} | {customNarrow / builtIn:F2} |");
if (provider == "sqlite") { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); File.Delete(file); }
