using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tickets;

public static class TicketValidator
{
    public const int SubjectMax = 300;
    public const int DescriptionMax = 32_000;

    public static Result<TicketDetails> Validate(TicketInput input)
    {
        var errors = new List<Error>();
        if (input.Priority is { } p && !Enum.IsDefined(p)) errors.Add(Error.Validation("priority", "Unknown priority."));
        if (input.Channel is { } c && !Enum.IsDefined(c)) errors.Add(Error.Validation("channel", "Unknown channel."));
        var details = new TicketDetails(
            Rules.RequiredText(errors, "subject", input.Subject, SubjectMax),
            Rules.Text(errors, "description", input.Description, DescriptionMax),
            input.PipelineId,
            Rules.Text(errors, "stage", input.Stage, Rules.ShortTextMax),
            input.Priority ?? TicketPriority.Normal,
            input.Channel,
            input.RequesterId,
            input.CompanyId,
            Rules.Text(errors, "assigneeId", input.AssigneeId, Rules.ShortTextMax),
            Rules.Tags(errors, "tags", input.Tags),
            Rules.ExternalIds(errors, "externalIds", input.ExternalIds));
        return errors.Count > 0 ? Result<TicketDetails>.Fail(errors) : Result<TicketDetails>.Ok(details);
    }
}
