// Loads the benchmark dataset for bench/run.sh: N contacts (Random(42)), N/10 companies, custom fields `tier` (select)
// and `score` (number) set on every contact, then ANALYZE. Prints, on stdout, one line per value run.sh reads:
//   KEY=<api key>  CONTACT=<a contact id>  LASTNAME=<a last name with rows>
// Progress goes to stderr.
//   dotnet bench/loader/bin/Release/net10.0/CrmApi.Bench.Loader.dll <contacts> <sqlite|postgres> <connection string>
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmApi.Application;
using CrmApi.Application.ApiKeys;
using CrmApi.Application.Common;
using CrmApi.Application.CustomFields;
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
    Console.Error.WriteLine("usage: CrmApi.Bench.Loader <contacts> <sqlite|postgres> <connection string>");
    return 2;
}
var count = int.Parse(args[0], CultureInfo.InvariantCulture);
var provider = args[1];
var cs = args[2];

var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Crm:Database:Provider"] = provider,
    ["ConnectionStrings:Crm"] = cs,
}).Build();
var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddCrmApplication().AddCrmInfrastructure(config);
await using var root = services.BuildServiceProvider();

var load = Stopwatch.StartNew();
var workspaceId = Guid.CreateVersion7();
string key;
await using (var scope = root.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
    scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
    var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
    db.Workspaces.Add(new Workspace(workspaceId, "bench", DateTimeOffset.UtcNow));
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
    key = scope.ServiceProvider.GetRequiredService<ApiKeyHandlers>().Issue(workspaceId, "bench", [Scopes.All], null, DateTimeOffset.UtcNow).Key;
    await db.SaveChangesAsync();
}

var random = new Random(42);
string[] tiers = ["gold", "silver", "bronze", "none"];
string[] lastNames = [.. Enumerable.Range(0, 2000).Select(i => $"Name{i:D4}")];
string[] industries = ["Software", "Retail", "Manufacturing", "Finance", "Health"];
var start = DateTimeOffset.UtcNow;
var companies = Math.Max(1, count / 10);
for (var batch = 0; batch < companies; batch += 5000)
{
    await using var scope = root.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
    var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    for (var i = batch; i < Math.Min(companies, batch + 5000); i++)
        db.Companies.Add(Company.Create(Guid.CreateVersion7(start.AddTicks(i)), workspaceId, new CompanyDetails(
            $"Company {i}", $"company{i}.example", industries[random.Next(industries.Length)], random.Next(1, 5000),
            null, null, Address.Empty, [], new Dictionary<string, string>()), start.AddTicks(i * 10)));
    await db.SaveChangesAsync();
}

Guid middleContact = Guid.Empty;
var middleLastName = "";
for (var batch = 0; batch < count; batch += 5000)
{
    await using var scope = root.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
    var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    for (var i = batch; i < Math.Min(count, batch + 5000); i++)
    {
        var slots = CustomSlots.Empty with { S1 = tiers[random.Next(tiers.Length)], D1 = random.Next(0, 100_000) };
        var id = Guid.CreateVersion7(start.AddTicks(i));
        var lastName = lastNames[random.Next(lastNames.Length)];
        if (i == count / 2) (middleContact, middleLastName) = (id, lastName);
        db.Contacts.Add(Contact.Create(id, workspaceId, new ContactDetails(
            $"First{i}", lastName, [], [], null, null, null, null, Address.Empty, [],
            new Dictionary<string, string>(), slots), start.AddTicks(i * 10)));
    }
    await db.SaveChangesAsync();
    Console.Error.WriteLine($"loaded {Math.Min(count, batch + 5000):N0}/{count:N0} contacts");
}
// Statistics for the planner, as the host gathers at start (SQLite: PRAGMA optimize; PostgreSQL: ANALYZE).
await using (var scope = root.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
load.Stop();
if (provider == "sqlite") Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Console.Error.WriteLine($"load {load.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"KEY={key}");
Console.WriteLine($"CONTACT={middleContact}");
Console.WriteLine($"LASTNAME={middleLastName}");
return 0;
