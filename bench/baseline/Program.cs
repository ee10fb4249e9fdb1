// The baseline for bench/run.sh: the read cases of the API as a bare minimal API over the same SQLite file, with
// hand-written SQL, no ORM, no authentication, no versioning or problem details. What the API costs above this is
// the price of its layers. Reads ConnectionStrings:Crm (env ConnectionStrings__Crm), listens on --urls.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var cs = builder.Configuration.GetConnectionString("Crm") ?? throw new InvalidOperationException("ConnectionStrings:Crm is not set.");
var app = builder.Build();

// One workspace in the benchmark database: the same predicate (and index prefix) as the API's query filter.
string workspace;
await using (var c = new SqliteConnection(cs))
{
    await c.OpenAsync();
    await using var cmd = c.CreateCommand();
    cmd.CommandText = "SELECT Id FROM workspaces ORDER BY Id LIMIT 1";
    workspace = (string)(await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException("No workspace."));
}

const string Columns = "Id, FirstName, LastName, Email, Phone, Emails, Phones, JobTitle, LifecycleStage, Source, OwnerId, Tags, " +
    "Address_Street, Address_City, Address_PostalCode, Address_Region, Address_Country, Custom_S1, Custom_D1, CreatedAt, UpdatedAt, Version";

app.MapGet("/health/ready", () => Results.Ok("Healthy"));

app.MapGet("/contacts/{id:guid}", async (Guid id, CancellationToken ct) =>
{
    var items = await QueryAsync($"SELECT {Columns} FROM contacts WHERE WorkspaceId = $w AND Id = $id AND DeletedAt IS NULL",
        cmd => cmd.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant()), ct);
    return items.Count == 0 ? Results.NotFound() : Results.Json(items[0]);
});

app.MapGet("/contacts", async (string? lastName, string? tier, CancellationToken ct) =>
{
    var items = lastName is not null
        ? await QueryAsync($"SELECT {Columns} FROM contacts WHERE WorkspaceId = $w AND LastName = $v AND DeletedAt IS NULL " +
            "ORDER BY CreatedAt DESC, Id DESC LIMIT 50", cmd => cmd.Parameters.AddWithValue("$v", lastName), ct)
        : tier is not null
            ? await QueryAsync($"SELECT {Columns} FROM contacts WHERE WorkspaceId = $w AND Custom_S1 = $v AND DeletedAt IS NULL " +
                "ORDER BY Custom_D1 DESC, Id DESC LIMIT 50", cmd => cmd.Parameters.AddWithValue("$v", tier), ct)
            : await QueryAsync($"SELECT {Columns} FROM contacts WHERE WorkspaceId = $w AND DeletedAt IS NULL " +
                "ORDER BY CreatedAt DESC, Id DESC LIMIT 50", _ => { }, ct);
    return Results.Json(new JsonObject { ["items"] = new JsonArray([.. items]), ["nextCursor"] = null });
});

app.Run();

async Task<List<JsonObject>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken ct)
{
    await using var connection = new SqliteConnection(cs);
    await connection.OpenAsync(ct);
    await using var cmd = connection.CreateCommand();
    cmd.CommandText = sql;
    cmd.Parameters.AddWithValue("$w", workspace);
    bind(cmd);
    var list = new List<JsonObject>();
    await using var r = await cmd.ExecuteReaderAsync(ct);
    while (await r.ReadAsync(ct))
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        JsonNode? J(int i) => r.IsDBNull(i) ? new JsonArray() : JsonNode.Parse(r.GetString(i));
        list.Add(new JsonObject
        {
            ["id"] = r.GetString(0).ToLowerInvariant(),
            ["firstName"] = S(1), ["lastName"] = S(2), ["email"] = S(3), ["phone"] = S(4),
            ["emails"] = J(5), ["phones"] = J(6), ["jobTitle"] = S(7), ["lifecycleStage"] = S(8), ["source"] = S(9), ["ownerId"] = S(10),
            ["tags"] = J(11),
            ["address"] = new JsonObject { ["street"] = S(12), ["city"] = S(13), ["postalCode"] = S(14), ["region"] = S(15), ["country"] = S(16) },
            ["custom"] = new JsonObject
            {
                ["tier"] = S(17),
                ["score"] = r.IsDBNull(18) ? null : JsonValue.Create(r.GetInt64(18) / 10000m),
            },
            ["createdAt"] = new DateTimeOffset(r.GetInt64(19), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
            ["updatedAt"] = new DateTimeOffset(r.GetInt64(20), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
            ["version"] = r.GetInt64(21),
        });
    }
    return list;
}
