namespace CrmApi.Api.Tests.Webhooks;

/// <summary>
/// One request as the Node receiver logged it: the <c>webhook-id</c> and <c>webhook-timestamp</c> headers, the
/// body's <c>type</c>, whether the <c>standardwebhooks</c> library verified it (and its error when not), the status
/// answered, the path with query, and the body as UTF-8 text.
/// </summary>
public sealed record Received(
    string? Id, long? Timestamp, string? Type, bool Verified, string? Error, int Status, string Path, string Body);
