using CrmApi.Api.Http;
using CrmApi.Application.Deals;
using CrmApi.Application.Deals.Forecast;
using CrmApi.Domain.Deals;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class DealEndpoints
{
    public static readonly RecordEndpoints.Names Names = new("Deal", "Deals", "deals", Scopes.DealsRead, Scopes.DealsWrite);

    public const string ForecastDescription =
        "Per period and group, per currency. A deal counts in the period of its date: an open deal by its expected close "
        + "date, a won or lost deal by the (UTC) day it closed; deals dated outside from..to, open deals without an expected "
        + "close date and deleted deals are left out. Periods are the calendar months or quarters that overlap from..to, empty "
        + "ones included. For each currency: openCount and openAmount (open deals), weightedAmount = Σ amount × probability of "
        + "the deal's current stage over the open deals (rounded to 4 decimal places after summing), wonCount and wonAmount, "
        + "lostCount and lostAmount. A deal without an amount counts as 0 under currency null. Without pipelineId every deal "
        + "pipeline counts. groupBy=owner splits by ownerId (null: unowned), groupBy=stage by pipeline and stage (in stage order); "
        + "without groupBy each period has one group. A range covers at most 60 months.";

    public static void MapDealEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/deals").WithTags("Deals");

        // Before the record routes: "forecast" is a fixed segment, ids are UUIDs.
        group.MapGet("/forecast", async Task<Results<Ok<ForecastDto>, ProblemHttpResult>> (
                DealForecast forecast, CancellationToken ct, Guid? pipelineId, string? from, string? to, string? period, string? groupBy) =>
                (await forecast.ReadAsync(new ForecastRequest(pipelineId, from, to, period, groupBy), ct)).ToHttp(TypedResults.Ok))
            .WithName("GetDealForecast")
            .WithSummary("Forecast open, weighted, won and lost amounts per period (month or quarter), group (owner or stage) and currency")
            .WithDescription(ForecastDescription)
            .RequireAuthorization(Scopes.DealsRead)
            .ProducesProblem(400);

        group.MapRecordRoutes<Deal, DealInput, DealDetails, DealDto, DealHandlers>(Names);
        group.MapListRoutes<Deal, DealInput, DealDetails, DealDto, DealHandlers>(Names);

        group.MapGet("/{id:guid}/stage-history", async Task<Results<Ok<PageDto<StageStayDto>>, ProblemHttpResult>> (
                Guid id, DealHandlers handlers, CancellationToken ct) =>
                (await handlers.StageHistoryAsync(id, ct)).ToHttp(s => TypedResults.Ok(new PageDto<StageStayDto>(s, null))))
            .WithName("GetDealStageHistory")
            .WithSummary("Each stay of a deal in a stage, oldest first: entered, left, duration and who moved it there")
            .RequireAuthorization(Scopes.DealsRead)
            .ProducesProblem(404);
    }
}
