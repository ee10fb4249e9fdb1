using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Contacts;

public static class ContactValidator
{
    public static Result<ContactDetails> Validate(ContactInput input)
    {
        var errors = new List<Error>();
        var details = new ContactDetails(
            Rules.Text(errors, "firstName", input.FirstName, Rules.NameMax),
            Rules.Text(errors, "lastName", input.LastName, Rules.NameMax),
            Rules.ContactPoints(errors, "emails", input.Emails, Rules.Email),
            Rules.ContactPoints(errors, "phones", input.Phones, Rules.Phone),
            Rules.Text(errors, "jobTitle", input.JobTitle, Rules.NameMax),
            input.LifecycleStage,
            Rules.Text(errors, "source", input.Source, Rules.ShortTextMax),
            Rules.Text(errors, "ownerId", input.OwnerId, Rules.ShortTextMax),
            Rules.Address(errors, "address", input.Address),
            Rules.Tags(errors, "tags", input.Tags),
            Rules.ExternalIds(errors, "externalIds", input.ExternalIds));
        return errors.Count > 0 ? Result<ContactDetails>.Fail(errors) : Result<ContactDetails>.Ok(details);
    }
}
