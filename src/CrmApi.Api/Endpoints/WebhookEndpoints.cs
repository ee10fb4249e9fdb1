using CrmApi.Api.Http;
using CrmApi.Application.Webhooks;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class WebhookEndpoints
{
    public const string Description =
        "Deliveries follow Standard Webhooks v1: headers webhook-id (the event id, the same on every retry), webhook-timestamp "
        + "(Unix seconds) and webhook-signature (v1,<base64 HMAC-SHA256 of \"id.timestamp.body\"> keyed with the secret's base64 "
        + "part; two signatures for 24 h after a rotation). The body is { \"type\", \"timestamp\", \"data\" }, data being the event "
        + "as the change feed shows it (id, sequence to order by, object, actor, changes, and the record as data); over 20 KB the "
        + "record gives way to recordUrl (truncated: true). 2xx succeeds; anything else, a timeout (15 s) or a connection error "
        + "fails and is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (±10%), a 429 or 503 no sooner than its "
        + "Retry-After; then the delivery has failed (webhook.delivery_exhausted). 410 Gone disables the endpoint at once, every "
        + "delivery failing for 5 days too (webhook.disabled). Redirects are not followed. Delivery is at least once and not in "
        + "order. eventTypes are patterns (deal.*, ticket.created, *); filter, in the filter language of the one record type "
        + "the patterns name, is tested against the record when the event is dispatched. An endpoint gets the events recorded "
        + "after it was made. URLs must be https (Crm:Webhooks:AllowHttp) and may not point to loopback, private, link-local, "
        + "multicast or unspecified addresses (Crm:Webhooks:AllowPrivateNetworks), checked again when sending.";

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Scopes.WebhooksManage);

        group.MapGet("/", async (WebhookHandlers handlers, CancellationToken ct) =>
                TypedResults.Ok(new PageDto<WebhookDto>(await handlers.ListAsync(ct), null)))
            .WithName("ListWebhooks").WithSummary("The workspace's webhook endpoints");

        group.MapPost("/", (HttpContext http, WebhookHandlers handlers, CancellationToken ct) =>
                RecordResults.CreatedAsync<WebhookDto>(http, body => handlers.CreateAsync(body, ct), (_, w) => $"/api/v1/webhooks/{w.Id}", ct))
            .WithName("CreateWebhook").WithSummary("Subscribe a URL to events; the answer carries the signing secret, once")
            .WithDescription(Description)
            .Accepts<WebhookInput>("application/json")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        group.MapGet("/{id:guid}", async Task<Results<Ok<WebhookDto>, StatusCodeHttpResult, ProblemHttpResult>> (
                Guid id, HttpContext http, WebhookHandlers handlers, CancellationToken ct) => RecordResults.Conditional(http, await handlers.GetAsync(id, ct)))
            .WithName("GetWebhook").WithSummary("A webhook endpoint: whether it is enabled, and why not")
            .Produces(304).ProducesProblem(404);

        group.MapPatch("/{id:guid}", (Guid id, HttpContext http, WebhookHandlers handlers, CancellationToken ct) =>
                RecordResults.PatchedAsync(http, (body, version) => handlers.UpdateAsync(id, body, version, ct), ct))
            .WithName("UpdateWebhook").WithSummary("Change a webhook endpoint (JSON merge patch); enabling it clears why it was disabled")
            .Accepts<WebhookInput>(JsonBody.MergePatch, "application/json")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415);

        group.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid id, HttpContext http, WebhookHandlers handlers, CancellationToken ct) =>
                (await handlers.DeleteAsync(id, Preconditions.ExpectedVersion(http.Request), ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteWebhook").WithSummary("Delete a webhook endpoint and its delivery log")
            .ProducesProblem(404).ProducesProblem(412);

        group.MapPost("/{id:guid}/rotate-secret", async Task<Results<Ok<WebhookDto>, ProblemHttpResult>> (
                Guid id, HttpContext http, WebhookHandlers handlers, CancellationToken ct) =>
                RecordResults.WithETag(http, await handlers.RotateSecretAsync(id, Preconditions.ExpectedVersion(http.Request), ct)))
            .WithName("RotateWebhookSecret").WithSummary("A new signing secret, shown once; the old one keeps signing beside it for 24 h")
            .ProducesProblem(404).ProducesProblem(412);

        group.MapPost("/{id:guid}/test", async Task<Results<Accepted<WebhookDeliveryDto>, ProblemHttpResult>> (
                Guid id, WebhookHandlers handlers, CancellationToken ct) =>
                (await handlers.TestAsync(id, ct)).ToHttp(d => TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", d)))
            .WithName("TestWebhook").WithSummary("Queue a webhook.test message for this endpoint; follow it in the delivery log")
            .ProducesProblem(404);

        group.MapGet("/{id:guid}/deliveries", async Task<Results<Ok<PageDto<WebhookDeliveryDto>>, ProblemHttpResult>> (
                Guid id, WebhookHandlers handlers, CancellationToken ct, string? state, int? limit, string? cursor) =>
                (await handlers.DeliveriesAsync(id, state, limit, cursor, ct)).ToHttp(p => TypedResults.Ok(new PageDto<WebhookDeliveryDto>(p.Items, p.NextCursor))))
            .WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log, newest first: per message its event, attempts (time, status, duration, first 1 KB), next attempt, state")
            .ProducesProblem(400).ProducesProblem(404);

        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/retry", async Task<Results<Ok<WebhookDeliveryDto>, ProblemHttpResult>> (
                Guid id, Guid deliveryId, WebhookHandlers handlers, CancellationToken ct) =>
                (await handlers.RetryAsync(id, deliveryId, ct)).ToHttp(TypedResults.Ok))
            .WithName("RetryWebhookDelivery").WithSummary("Send a message again now, with a fresh retry schedule")
            .ProducesProblem(404);

        group.MapPost("/{id:guid}/recover", async Task<Results<Ok<RecoveredDto>, ProblemHttpResult>> (
                Guid id, HttpContext http, WebhookHandlers handlers, CancellationToken ct) =>
            {
                var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                return (await handlers.RecoverAsync(id, body.Value!, ct)).ToHttp(n => TypedResults.Ok(new RecoveredDto(n)));
            })
            .WithName("RecoverWebhookDeliveries").WithSummary("Send again every message that failed for good since a time")
            .Accepts<RecoverInput>("application/json")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415);
    }

    /// <summary>How many failed messages were queued again.</summary>
    public sealed record RecoveredDto(int Requeued);
}
