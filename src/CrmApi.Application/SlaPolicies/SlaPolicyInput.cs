using System.Text.Json;

namespace CrmApi.Application.SlaPolicies;

/// <summary>
/// The body of an SLA policy create, and what a merge patch of one may change. <c>position</c> is where it is tried
/// (0 first; the others shift; default last). <c>conditions</c> is a filter over tickets in the shared filter language;
/// absent, null or <c>{}</c> matches every ticket.
/// </summary>
public sealed class SlaPolicyInput
{
    public string? Name { get; init; }
    public int? Position { get; init; }
    public JsonElement? Conditions { get; init; }
    public SlaCalendarInput? Calendar { get; init; }
    public SlaTargetsInput? Targets { get; init; }
}
