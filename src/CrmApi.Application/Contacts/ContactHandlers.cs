using CrmApi.Application.Records;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Contacts;

/// <summary>Contact use cases: the shared record ones (create, read, merge patch, delete, restore, lists, history).</summary>
public sealed class ContactHandlers(RecordServices services)
    : RecordHandlers<Contact, ContactInput, ContactDetails, ContactDto>(new ContactDefinition(), services);
