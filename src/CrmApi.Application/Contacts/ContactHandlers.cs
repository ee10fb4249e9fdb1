using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Contacts;

/// <summary>Contact use cases: the shared record ones, plus lists.</summary>
public sealed class ContactHandlers(RecordServices services)
    : RecordHandlers<Contact, ContactInput, ContactDetails, ContactDto>(new ContactDefinition(), services);
