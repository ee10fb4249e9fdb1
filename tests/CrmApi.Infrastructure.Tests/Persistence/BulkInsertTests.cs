using CrmApi.Application.Common;
using Record = CrmApi.Domain.Common.Record;
using CrmApi.Domain.Events;
using CrmApi.Domain.Segments;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmApi.Infrastructure.Tests.Persistence;

/// <summary>
/// Rows added for the bulk path (<see cref="ICrmDbContext.AddInBulk{TEntity}"/>) are written by the next save in its
/// transaction, read back as EF Core wrote them, and their events take positions like tracked ones; a save that fails
/// (a taken key, a moved version) writes none of them.
/// </summary>
public sealed class BulkInsertTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 30, 15, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Bulk_rows_and_their_events_are_written_by_the_save_like_tracked_ones(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (workspace, segment) = await database.SegmentAsync();
        var records = Enumerable.Range(0, 6000).Select(_ => Guid.NewGuid()).ToList();

        await using (var db = database.Context(workspace))
        {
            db.Events.Add(Event(workspace, segment, "segment.updated", Guid.NewGuid()));
            db.AddInBulk(records.Select(r => new SegmentMember(segment, workspace, r, Now)));
            db.AddInBulk(records.Select(r => Event(workspace, segment, "segment.entered", r)));
            (await db.SaveChangesAsync()).ShouldBe(1 + 2 * records.Count);
        }

        await using (var db = database.Context(workspace))
        {
            var members = await db.SegmentMembers.Where(m => m.SegmentId == segment).ToListAsync();
            members.Select(m => m.RecordId).Order().ShouldBe(records.Order());
            members.ShouldAllBe(m => m.EnteredAt == Record.Truncate(Now) && m.WorkspaceId == workspace);
            var events = await db.Events.OrderBy(e => e.Sequence).ToListAsync();
            events.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 1 + records.Count).Select(i => (long)i));
            events[0].Type.ShouldBe("segment.updated");
            events.Skip(1).Select(e => e.RelatedId!.Value).ShouldBe(records);
            events[1].Data.ShouldBe($$"""{"recordId":"{{records[0]}}"}""");
            events[1].OccurredAt.ShouldBe(Record.Truncate(Now));
            (await db.EventSequences.SingleAsync()).Last.ShouldBe(1 + records.Count);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_bulk_row_whose_key_is_taken_fails_the_save_as_a_unique_violation_and_writes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (workspace, segment) = await database.SegmentAsync();
        var taken = Guid.NewGuid();
        await using (var db = database.Context(workspace))
        {
            db.AddInBulk([new SegmentMember(segment, workspace, taken, Now)]);
            await db.SaveChangesAsync();
        }

        await using (var db = database.Context(workspace))
        {
            db.AddInBulk([new SegmentMember(segment, workspace, Guid.NewGuid(), Now), new SegmentMember(segment, workspace, taken, Now)]);
            db.AddInBulk([Event(workspace, segment, "segment.entered", taken)]);
            await Should.ThrowAsync<UniqueConstraintException>(() => db.SaveChangesAsync());
        }

        await using (var db = database.Context(workspace))
        {
            (await db.SegmentMembers.CountAsync()).ShouldBe(1);
            (await db.Events.CountAsync()).ShouldBe(0);
            (await db.EventSequences.CountAsync()).ShouldBe(0);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_version_moved_by_another_writer_fails_the_save_before_any_bulk_row_is_written(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (workspace, segment) = await database.SegmentAsync();
        await using var mine = database.Context(workspace);
        var progress = await mine.SegmentProgress.SingleAsync();
        await using (var other = database.Context(workspace))
        {
            (await other.SegmentProgress.SingleAsync()).Building();
            await other.SaveChangesAsync();
        }

        progress.Building();
        mine.AddInBulk([new SegmentMember(segment, workspace, Guid.NewGuid(), Now)]);
        mine.AddInBulk([Event(workspace, segment, "segment.entered", Guid.NewGuid())]);
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => mine.SaveChangesAsync());

        await using var check = database.Context(workspace);
        (await check.SegmentMembers.CountAsync()).ShouldBe(0);
        (await check.Events.CountAsync()).ShouldBe(0);
        (await check.SegmentProgress.SingleAsync()).Version.ShouldBe(1);
    }

    [Fact]
    public async Task Bulk_rows_of_another_workspace_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var (workspace, segment) = await database.SegmentAsync();
        await using var db = database.Context(workspace);
        db.AddInBulk([new SegmentMember(segment, Guid.NewGuid(), Guid.NewGuid(), Now)]);
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        (await db.SegmentMembers.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
    }

    private static Event Event(Guid workspace, Guid segment, string type, Guid record)
        => new(Guid.CreateVersion7(), workspace, type, Now, "segment", segment, "system", null, null, $$"""{"recordId":"{{record}}"}""", "contact", record);

    /// <summary>A migrated database of its own: a SQLite file, or a PostgreSQL database on the test server.</summary>
    private sealed class TestDatabase(IDatabaseProvider provider, string connectionString, Func<Task> drop) : IAsyncDisposable
    {
        public static async Task<TestDatabase> CreateAsync(string provider)
        {
            TestDatabase database;
            if (provider == "sqlite")
            {
                var path = Path.Combine(Path.GetTempPath(), $"crm-bulk-{Guid.NewGuid():N}.db");
                database = new TestDatabase(new SqliteProvider(), $"Data Source={path}", () =>
                {
                    SqliteConnection.ClearAllPools();
                    foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
                    return Task.CompletedTask;
                });
            }
            else
            {
                var server = Environment.GetEnvironmentVariable("CRM_TEST_POSTGRES") is { Length: > 0 } env
                    ? env
                    : throw new InvalidOperationException("CRM_TEST_POSTGRES is not set: run scripts/test.sh, which starts a throwaway PostgreSQL.");
                var name = $"crm_bulk_{Guid.NewGuid():N}";
                await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
                database = new TestDatabase(new PostgresProvider(), new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, async () =>
                {
                    NpgsqlConnection.ClearAllPools();
                    await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                });
            }
            await using var db = database.Context(Guid.Empty);
            await database.PrepareAsync();
            await db.Database.MigrateAsync();
            return database;
        }

        private Task PrepareAsync() => provider.PrepareAsync(connectionString, CancellationToken.None);

        public CrmDbContext Context(Guid workspace)
        {
            var options = new DbContextOptionsBuilder<CrmDbContext>();
            provider.Configure(options, connectionString);
            var context = new WorkspaceContext();
            if (workspace != Guid.Empty) context.Set(workspace, "system", null);
            return new CrmDbContext(options.Options).Bind(context, provider);
        }

        /// <summary>A workspace with one dynamic contact segment and its progress row.</summary>
        public async Task<(Guid Workspace, Guid Segment)> SegmentAsync()
        {
            var workspace = Guid.NewGuid();
            await using var db = Context(workspace);
            var segment = new Segment(Guid.NewGuid(), workspace, "Gold", "contact", SegmentKind.Dynamic, """{"lastName":{"eq":"Gold"}}""", false, Now);
            db.Segments.Add(segment);
            db.SegmentProgress.Add(new SegmentProgress(segment.Id, workspace));
            await db.SaveChangesAsync();
            return (workspace, segment.Id);
        }

        public async ValueTask DisposeAsync() => await drop();

        private static async Task ExecuteAsync(string connectionString, string sql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
