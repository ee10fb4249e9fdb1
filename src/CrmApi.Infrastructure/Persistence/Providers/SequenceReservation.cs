using Microsoft.EntityFrameworkCore;

namespace CrmApi.Infrastructure.Persistence.Providers;

/// <summary>
/// SQLite and PostgreSQL both take an upsert with RETURNING, which both creates the workspace's row on first use and
/// locks it (PostgreSQL: row lock until commit; SQLite: the single writer lock).
/// </summary>
public static class SequenceReservation
{
    public static async Task<long> ReserveAsync(DbContext db, Guid workspaceId, int count, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<long>($"""
            INSERT INTO "event_sequences" ("WorkspaceId", "Last", "PrunedThrough") VALUES ({workspaceId}, {(long)count}, 0)
            ON CONFLICT ("WorkspaceId") DO UPDATE SET "Last" = "event_sequences"."Last" + {(long)count}
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct);
        return rows.Single();
    }
}
