using System.Globalization;
using CrmApi.Application.Common;
using CrmApi.Domain.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Deals.Forecast;

/// <summary>
/// The deal forecast over a date range (see <see cref="ForecastCalculator"/> for what counts where): the database picks
/// the live deals dated in the range, of one pipeline or of every deal pipeline, and the calculator sums them.
/// </summary>
public sealed class DealForecast(ICrmDbContext db)
{
    /// <summary>The longest range one forecast covers.</summary>
    public const int MaxMonths = 60;

    public async Task<Result<ForecastDto>> ReadAsync(ForecastRequest request, CancellationToken ct)
    {
        var errors = new List<Error>();
        var from = Date(errors, "from", request.From);
        var to = Date(errors, "to", request.To);
        ForecastPeriod? period = request.Period switch
        {
            null or "month" => ForecastPeriod.Month,
            "quarter" => ForecastPeriod.Quarter,
            _ => null,
        };
        if (period is null) errors.Add(Error.Validation("period", "'period' must be month or quarter."));
        ForecastGroupBy? groupBy = null;
        if (request.GroupBy is not null)
        {
            groupBy = request.GroupBy switch
            {
                "owner" => ForecastGroupBy.Owner,
                "stage" => ForecastGroupBy.Stage,
                _ => null,
            };
            if (groupBy is null) errors.Add(Error.Validation("groupBy", "'groupBy' must be owner or stage."));
        }
        if (from is { } f && to is { } t)
        {
            if (t < f) errors.Add(Error.Validation("to", "'to' is before 'from'."));
            else if (f.AddMonths(MaxMonths) <= t) errors.Add(Error.Validation("to", $"A forecast covers at most {MaxMonths} months."));
        }
        if (errors.Count > 0) return Result<ForecastDto>.Fail(errors);

        if (request.PipelineId is { } id && !await db.Pipelines.AnyAsync(p => p.Id == id && p.ObjectType == PipelineObjectType.Deal, ct))
            return Error.Validation("pipelineId", $"No deal pipeline {id} exists.");

        var (start, end) = (from!.Value, to!.Value);
        var closedFrom = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var closedBefore = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var deals = db.Deals.AsNoTracking();
        if (request.PipelineId is { } pipelineId) deals = deals.Where(d => d.PipelineId == pipelineId);
        var rows = await deals
            .Where(d => (d.StageCategory == StageCategory.Open && d.ExpectedCloseDate >= start && d.ExpectedCloseDate <= end)
                || (d.StageCategory != StageCategory.Open && d.ClosedAt >= closedFrom && d.ClosedAt < closedBefore))
            .Join(db.PipelineStages, d => new { d.PipelineId, Key = d.Stage }, s => new { s.PipelineId, s.Key },
                (d, s) => new ForecastDeal(d.Amount, d.Currency, d.OwnerId, d.PipelineId, d.Stage, d.StageCategory, s.Probability ?? 0m,
                    s.Position, d.ExpectedCloseDate, d.ClosedAt))
            .ToListAsync(ct);
        return new ForecastDto(request.PipelineId, start, end, period!.Value, groupBy,
            ForecastCalculator.Compute(rows, start, end, period.Value, groupBy));
    }

    private static DateOnly? Date(List<Error> errors, string field, string? text)
    {
        if (text is null)
        {
            errors.Add(Error.Validation(field, $"'{field}' is required: a date (YYYY-MM-DD)."));
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(Error.Validation(field, $"'{field}' must be a date (YYYY-MM-DD); got '{text}'."));
        return null;
    }
}
