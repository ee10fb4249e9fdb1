using CrmApi.Application.Common;

namespace CrmApi.Application.Querying;

/// <summary>The cursor of a list ordered by id: the last id of the page before (absent for the first page).</summary>
public static class IdCursor
{
    public static Result<Guid?> Parse(string? cursor)
    {
        if (cursor is not { Length: > 0 }) return Result<Guid?>.Ok(null);
        return Guid.TryParse(cursor, out var id)
            ? Result<Guid?>.Ok(id)
            : Result<Guid?>.Fail(Error.Validation("cursor", "The cursor is not one this list handed out."));
    }
}
