using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Deals;

namespace CrmApi.Application.Deals;

public static class DealValidator
{
    public const int LinksMax = 100;
    public const int LostReasonMax = 1000;

    public static Result<DealDetails> Validate(DealInput input)
    {
        var errors = new List<Error>();
        if (input.Amount is { } amount && (amount < 0 || !Rules.IsStorableDecimal(amount)))
            errors.Add(Error.Validation("amount", "'amount' must be at least 0, below 10^14, with at most 4 decimal places."));
        var currency = Rules.Currency(errors, "currency", input.Currency);
        if (input.Amount is not null && currency is null)
            errors.Add(Error.Validation("currency", "'currency' (ISO 4217) is required when 'amount' is set."));

        var details = new DealDetails(
            Rules.RequiredText(errors, "name", input.Name, Rules.NameMax),
            input.Amount,
            currency,
            input.PipelineId,
            Rules.Text(errors, "stage", input.Stage, Rules.ShortTextMax),
            Rules.Text(errors, "ownerId", input.OwnerId, Rules.ShortTextMax),
            input.ExpectedCloseDate,
            Rules.Text(errors, "lostReason", input.LostReason, LostReasonMax),
            Rules.Text(errors, "source", input.Source, Rules.ShortTextMax),
            Contacts(errors, input.Contacts),
            Rules.Links(errors, "companyIds", input.CompanyIds, LinksMax),
            Rules.ExternalIds(errors, "externalIds", input.ExternalIds));
        return errors.Count > 0 ? Result<DealDetails>.Fail(errors) : Result<DealDetails>.Ok(details);
    }

    private static List<DealContactLink> Contacts(List<Error> errors, List<DealContactInput?>? contacts)
    {
        var result = new List<DealContactLink>();
        if (contacts is null) return result;
        if (contacts.Count > LinksMax) errors.Add(Error.Validation("contacts", $"At most {LinksMax} contacts are allowed."));
        for (var i = 0; i < contacts.Count; i++)
        {
            if (contacts[i]?.ContactId is not { } id)
            {
                errors.Add(Error.Validation($"contacts[{i}].contactId", "Each contact needs a 'contactId'."));
                continue;
            }
            var role = Rules.Text(errors, $"contacts[{i}].role", contacts[i]!.Role, Rules.ShortTextMax);
            if (result.Exists(c => c.ContactId == id)) errors.Add(Error.Validation($"contacts[{i}].contactId", $"The contact {id} appears twice."));
            else result.Add(new DealContactLink(id, role));
        }
        return result;
    }
}
