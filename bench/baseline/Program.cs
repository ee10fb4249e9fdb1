// The baseline for bench/run.sh: the measured cases of the API as a bare minimal API over the same database, with
// hand-written SQL, no ORM, no authentication, no versioning or problem details. What the API costs above this is the
// price of its layers. Reads Crm:Database:Provider (sqlite, the default, or postgres; env Crm__Database__Provider) and
// ConnectionStrings:Crm (env ConnectionStrings__Crm), listens on --urls.
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var cs = builder.Configuration.GetConnectionString("Crm") ?? throw new InvalidOperationException("ConnectionStrings:Crm is not set.");
var store = new Store(builder.Configuration["Crm:Database:Provider"] ?? "sqlite", cs);
var app = builder.Build();

// One workspace in the benchmark database: the same predicate (and index prefix) as the API's query filter.
object workspace;
await using (var c = await store.OpenAsync(CancellationToken.None))
{
    await using var cmd = c.CreateCommand();
    cmd.CommandText = """SELECT "Id" FROM workspaces ORDER BY "Id" LIMIT 1""";
    workspace = await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException("No workspace.");
}

const string Columns = """
    "Id", "FirstName", "LastName", "Email", "Phone", "Emails", "Phones", "JobTitle", "LifecycleStage", "Source", "OwnerId", "Tags",
    "Address_Street", "Address_City", "Address_PostalCode", "Address_Region", "Address_Country", "Custom_S1", "Custom_D1",
    "CreatedAt", "UpdatedAt", "Version"
    """;
const string ActivityColumns = """
    a."Id", a."Type", a."OccurredAt", a."Body", a."Title", a."DueAt", a."Status", a."Assignee", a."Direction", a."DurationSeconds",
    a."Outcome", a."Subject", a."From", a."To", a."Cc", a."SentAt", a."BodyPreview", a."StartAt", a."EndAt", a."Attendees",
    a."OrderReference", a."Amount", a."Currency", a."CreatedAt", a."UpdatedAt", a."Version"
    """;
const string EventColumns = """
    "Id", "Sequence", "Type", "OccurredAt", "ObjectType", "ObjectId", "ActorType", "ActorId", "Changes", "Data"
    """;
// The contact fields a merge patch may set here, and their columns.
var patchable = new Dictionary<string, string> { ["firstName"] = "FirstName", ["lastName"] = "LastName", ["jobTitle"] = "JobTitle" };

app.MapGet("/health/ready", () => Results.Ok("Healthy"));

app.MapGet("/contacts/{id:guid}", async (Guid id, CancellationToken ct) =>
{
    var items = await QueryAsync($"""SELECT {Columns} FROM contacts WHERE "WorkspaceId" = @w AND "Id" = @id AND "DeletedAt" IS NULL""",
        cmd => Bind(cmd, "@id", store.Id(id)), ReadContact, ct);
    return items.Count == 0 ? Results.NotFound() : Results.Json(items[0]);
});

app.MapGet("/contacts", async (string? lastName, string? tier, CancellationToken ct) =>
{
    var (where, order, value) = lastName is not null ? ("AND \"LastName\" = @v", "\"CreatedAt\" DESC, \"Id\" DESC", lastName)
        : tier is not null ? ("AND \"Custom_S1\" = @v", "\"Custom_D1\" DESC, \"Id\" DESC", tier)
        : ("", "\"CreatedAt\" DESC, \"Id\" DESC", "");
    var items = await QueryAsync($"""
        SELECT {Columns} FROM contacts WHERE "WorkspaceId" = @w {where} AND "DeletedAt" IS NULL ORDER BY {order} LIMIT 50
        """, cmd => Bind(cmd, "@v", value), ReadContact, ct);
    return Results.Json(new JsonObject { ["items"] = new JsonArray([.. items]), ["nextCursor"] = null });
});

// The NOT NULL columns the API fills on create; the others stay NULL, as they do for a contact with only a name.
app.MapPost("/contacts", async (HttpRequest request, CancellationToken ct) =>
{
    if (await ReadObjectAsync(request, ct) is not { } body) return Results.BadRequest();
    var id = Guid.CreateVersion7();
    var now = Now();
    using (await store.EnterWriteAsync(ct))
    {
        await using var c = await store.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO contacts ("Id", "FirstName", "LastName", "Emails", "Phones", "Tags", "WorkspaceId", "CreatedAt", "UpdatedAt", "Version")
            VALUES (@id, @first, @last, @empty, @empty, @empty, @w, @now, @now, 1)
            """;
        Bind(cmd, "@id", store.Id(id));
        Bind(cmd, "@first", Text(body, "firstName"));
        Bind(cmd, "@last", Text(body, "lastName"));
        Bind(cmd, "@empty", store.EmptyList);
        Bind(cmd, "@w", workspace);
        Bind(cmd, "@now", store.Time(now));
        await cmd.ExecuteNonQueryAsync(ct);
    }
    request.HttpContext.Response.Headers.ETag = "\"1\"";
    var at = now.ToString("O", CultureInfo.InvariantCulture);
    return Results.Created($"/contacts/{id}", new JsonObject
    {
        ["id"] = id.ToString(), ["firstName"] = Text(body, "firstName"), ["lastName"] = Text(body, "lastName"),
        ["emails"] = new JsonArray(), ["phones"] = new JsonArray(), ["tags"] = new JsonArray(),
        ["createdAt"] = at, ["updatedAt"] = at, ["version"] = 1,
    });
});

// If-Match is required; a version that does not match (or an unknown id) answers 412, as no row changes.
app.MapPatch("/contacts/{id:guid}", async (Guid id, HttpRequest request, CancellationToken ct) =>
{
    if (!long.TryParse(request.Headers.IfMatch.ToString().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        return Results.StatusCode(428);
    if (await ReadObjectAsync(request, ct) is not { } body || body.Any(p => !patchable.ContainsKey(p.Key))) return Results.BadRequest();
    var sets = string.Concat(body.Select((p, i) => $"\"{patchable[p.Key]}\" = @f{i}, "));
    List<JsonObject> rows;
    using (await store.EnterWriteAsync(ct))
    {
        rows = await QueryAsync($"""
            UPDATE contacts SET {sets}"UpdatedAt" = @now, "Version" = "Version" + 1
            WHERE "WorkspaceId" = @w AND "Id" = @id AND "Version" = @version AND "DeletedAt" IS NULL
            RETURNING {Columns}
            """, cmd =>
            {
                var i = 0;
                foreach (var p in body) Bind(cmd, $"@f{i++}", p.Value?.GetValueKind() == JsonValueKind.String ? p.Value.GetValue<string>() : null);
                Bind(cmd, "@now", store.Time(Now()));
                Bind(cmd, "@id", store.Id(id));
                Bind(cmd, "@version", version);
            }, ReadContact, ct);
    }
    if (rows.Count == 0) return Results.StatusCode(412);
    request.HttpContext.Response.Headers.ETag = $"\"{rows[0]["version"]}\"";
    return Results.Json(rows[0]);
});

// Like the API's timeline: the contact must exist; its activities and the events about it, each newest first, merged,
// 50 a page (one more is read to know whether a next page exists). Each query starts from the contact's own index
// entries (activity_contacts by contact; events by object and by related id), so its cost does not grow with the
// workspace's activities or events.
app.MapGet("/contacts/{id:guid}/timeline", async (Guid id, CancellationToken ct) =>
{
    const int Limit = 50;
    await using var c = await store.OpenAsync(ct);
    await using (var exists = Command(c, """SELECT 1 FROM contacts WHERE "WorkspaceId" = @w AND "Id" = @id AND "DeletedAt" IS NULL"""))
    {
        Bind(exists, "@id", store.Id(id));
        if (await exists.ExecuteScalarAsync(ct) is null) return Results.NotFound();
    }
    var activities = new List<(DateTimeOffset At, string Id, JsonObject Item)>();
    await using (var cmd = Command(c, $"""
        SELECT {ActivityColumns} FROM activity_contacts l JOIN activities a ON a."Id" = l."ActivityId"
        WHERE l."ContactId" = @id AND a."WorkspaceId" = @w AND a."DeletedAt" IS NULL
        ORDER BY a."OccurredAt" DESC, a."Id" DESC LIMIT {Limit + 1}
        """))
    {
        Bind(cmd, "@id", store.Id(id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) activities.Add(ReadActivity(r));
    }
    if (activities.Count > 0)
    {
        // The links of the page's activities, for contactIds and companyIds.
        var ids = string.Join(", ", activities.Select((_, i) => $"@a{i}"));
        await using var cmd = Command(c, $"""
            SELECT "ActivityId", "ContactId", 'contactIds' FROM activity_contacts WHERE "ActivityId" IN ({ids})
            UNION ALL SELECT "ActivityId", "CompanyId", 'companyIds' FROM activity_companies WHERE "ActivityId" IN ({ids})
            """);
        for (var i = 0; i < activities.Count; i++) Bind(cmd, $"@a{i}", store.Id(Guid.Parse(activities[i].Id)));
        var byId = activities.ToDictionary(a => a.Id, a => a.Item);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ((JsonArray)byId[store.ReadId(r, 0)][r.GetString(2)]!).Add(store.ReadId(r, 1));
    }
    var events = new List<(DateTimeOffset At, string Id, JsonObject Item)>();
    await using (var cmd = Command(c, $"""
        SELECT {EventColumns} FROM events WHERE "WorkspaceId" = @w AND "ObjectId" = @id
        UNION SELECT {EventColumns} FROM events WHERE "WorkspaceId" = @w AND "RelatedId" = @id
        ORDER BY "OccurredAt" DESC, "Id" DESC LIMIT {Limit + 1}
        """))
    {
        Bind(cmd, "@id", store.Id(id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var e = ReadEvent(r);
            events.Add((store.ReadTime(r, 3), (string)e["id"]!, e));
        }
    }
    var merged = activities.Select(a => (a.At, a.Id, Item: new JsonObject
        {
            ["kind"] = "activity", ["id"] = a.Id, ["occurredAt"] = Iso(a.At), ["activity"] = a.Item, ["event"] = null,
        }))
        .Concat(events.Select(e => (e.At, e.Id, Item: new JsonObject
        {
            ["kind"] = "event", ["id"] = e.Id, ["occurredAt"] = Iso(e.At), ["activity"] = null, ["event"] = e.Item,
        })))
        .OrderByDescending(i => i.At).ThenByDescending(i => Guid.Parse(i.Id)).ToList();
    var page = merged.Take(Limit).ToList();
    return Results.Json(new JsonObject
    {
        ["data"] = new JsonArray([.. page.Select(p => p.Item)]),
        ["nextCursor"] = merged.Count > Limit ? $"{page[^1].At.UtcTicks}:{page[^1].Id}" : null,
    });
});

// The first page of the change feed, in position order.
app.MapGet("/events", async (int? limit, CancellationToken ct) =>
{
    var take = Math.Clamp(limit ?? 100, 1, 1000);
    var items = await QueryAsync($"""
        SELECT {EventColumns} FROM events WHERE "WorkspaceId" = @w AND "Sequence" > 0 ORDER BY "Sequence" LIMIT {take}
        """, _ => { }, ReadEvent, ct);
    return Results.Json(new JsonObject
    {
        ["data"] = new JsonArray([.. items]),
        ["nextCursor"] = items.Count > 0 ? items[^1]["sequence"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture) : null,
    });
});

app.Run();

DbCommand Command(DbConnection connection, string sql)
{
    var cmd = connection.CreateCommand();
    cmd.CommandText = sql;
    Bind(cmd, "@w", workspace);
    return cmd;
}

async Task<List<JsonObject>> QueryAsync(string sql, Action<DbCommand> bind, Func<DbDataReader, JsonObject> read, CancellationToken ct)
{
    await using var connection = await store.OpenAsync(ct);
    await using var cmd = Command(connection, sql);
    bind(cmd);
    var list = new List<JsonObject>();
    await using var r = await cmd.ExecuteReaderAsync(ct);
    while (await r.ReadAsync(ct)) list.Add(read(r));
    return list;
}

JsonObject ReadContact(DbDataReader r)
{
    string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
    return new JsonObject
    {
        ["id"] = store.ReadId(r, 0),
        ["firstName"] = S(1), ["lastName"] = S(2), ["email"] = S(3), ["phone"] = S(4),
        ["emails"] = store.ReadList(r, 5), ["phones"] = store.ReadList(r, 6), ["jobTitle"] = S(7), ["lifecycleStage"] = S(8),
        ["source"] = S(9), ["ownerId"] = S(10), ["tags"] = store.ReadList(r, 11),
        ["address"] = new JsonObject { ["street"] = S(12), ["city"] = S(13), ["postalCode"] = S(14), ["region"] = S(15), ["country"] = S(16) },
        ["custom"] = new JsonObject { ["tier"] = S(17), ["score"] = store.ReadDecimal(r, 18) },
        ["createdAt"] = Iso(store.ReadTime(r, 19)),
        ["updatedAt"] = Iso(store.ReadTime(r, 20)),
        ["version"] = r.GetInt64(21),
    };
}

(DateTimeOffset, string, JsonObject) ReadActivity(DbDataReader r)
{
    string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
    string? T(int i) => r.IsDBNull(i) ? null : Iso(store.ReadTime(r, i));
    string? Lower(int i) => S(i)?.ToLowerInvariant();
    var id = store.ReadId(r, 0);
    var at = store.ReadTime(r, 2);
    return (at, id, new JsonObject
    {
        ["id"] = id, ["type"] = Lower(1), ["occurredAt"] = Iso(at), ["contactIds"] = new JsonArray(), ["companyIds"] = new JsonArray(),
        ["body"] = S(3), ["title"] = S(4), ["dueAt"] = T(5), ["status"] = Lower(6), ["assignee"] = S(7), ["direction"] = Lower(8),
        ["durationSeconds"] = r.IsDBNull(9) ? null : r.GetInt32(9), ["outcome"] = S(10), ["subject"] = S(11), ["from"] = S(12),
        ["to"] = store.ReadList(r, 13), ["cc"] = store.ReadList(r, 14), ["sentAt"] = T(15), ["bodyPreview"] = S(16),
        ["startAt"] = T(17), ["endAt"] = T(18), ["attendees"] = store.ReadList(r, 19), ["orderReference"] = S(20),
        ["amount"] = store.ReadDecimal(r, 21), ["currency"] = S(22),
        ["createdAt"] = T(23), ["updatedAt"] = T(24), ["version"] = r.GetInt64(25),
    });
}

JsonObject ReadEvent(DbDataReader r)
{
    JsonNode? J(int i) => r.IsDBNull(i) ? null : JsonNode.Parse(r.GetString(i));
    return new JsonObject
    {
        ["id"] = store.ReadId(r, 0), ["sequence"] = r.GetInt64(1), ["type"] = r.GetString(2), ["occurredAt"] = Iso(store.ReadTime(r, 3)),
        ["object"] = new JsonObject { ["type"] = r.GetString(4), ["id"] = store.ReadId(r, 5) },
        ["actor"] = new JsonObject { ["type"] = r.GetString(6), ["id"] = r.IsDBNull(7) ? null : r.GetString(7) },
        ["changes"] = J(8), ["data"] = J(9),
    };
}

static void Bind(DbCommand cmd, string name, object? value)
{
    var p = cmd.CreateParameter();
    p.ParameterName = name;
    p.Value = value ?? DBNull.Value;
    cmd.Parameters.Add(p);
}

static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken ct)
{
    try
    {
        return await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject;
    }
    catch (JsonException)
    {
        return null;
    }
}

static string? Text(JsonObject body, string key) => body[key]?.GetValueKind() == JsonValueKind.String ? body[key]!.GetValue<string>() : null;

// Microseconds, like the API's timestamps.
static DateTimeOffset Now()
{
    var t = DateTimeOffset.UtcNow;
    return new DateTimeOffset(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}

static string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);

/// <summary>
/// What differs between the two databases, as the API's schema stores it: SQLite keeps ids as upper-case TEXT, times as
/// UTC ticks, money as a fixed-point integer (4 places) and lists as JSON text; PostgreSQL uses uuid, timestamptz,
/// numeric and text[]. SQLite also takes one writer at a time: writes queue in process, as the API's do, instead of
/// spinning on the file lock.
/// </summary>
internal sealed class Store
{
    private readonly string _cs;
    private readonly NpgsqlDataSource? _postgres;
    private readonly SemaphoreSlim? _writer;

    public Store(string provider, string connectionString)
    {
        _cs = connectionString;
        switch (provider.ToLowerInvariant())
        {
            case "sqlite": _writer = new SemaphoreSlim(1, 1); break;
            case "postgres" or "postgresql": _postgres = NpgsqlDataSource.Create(connectionString); break;
            default: throw new InvalidOperationException($"Unknown provider '{provider}': use sqlite or postgres.");
        }
    }

    public object EmptyList => _postgres is null ? "[]" : Array.Empty<string>();

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(_cs);
        await connection.OpenAsync(ct);
        return connection;
    }

    public async Task<IDisposable> EnterWriteAsync(CancellationToken ct)
    {
        if (_writer is null) return Nothing.Instance;
        await _writer.WaitAsync(ct);
        return new Release(_writer);
    }

    public object Id(Guid id) => _postgres is null ? id.ToString().ToUpperInvariant() : id;
    public object Time(DateTimeOffset t) => _postgres is null ? t.UtcTicks : t;
    public string ReadId(DbDataReader r, int i) => (_postgres is null ? Guid.Parse(r.GetString(i)) : r.GetGuid(i)).ToString();
    public DateTimeOffset ReadTime(DbDataReader r, int i)
        => _postgres is null ? new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero) : r.GetFieldValue<DateTimeOffset>(i);
    public JsonNode? ReadDecimal(DbDataReader r, int i)
        => r.IsDBNull(i) ? null : JsonValue.Create(_postgres is null ? r.GetInt64(i) / 10_000m : r.GetDecimal(i));
    public JsonNode? ReadList(DbDataReader r, int i) => _postgres is null
        ? JsonNode.Parse(r.GetString(i))
        : new JsonArray([.. r.GetFieldValue<string[]>(i).Select(s => (JsonNode?)s)]);

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();
        public void Dispose() { }
    }
}
