using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Contacts;

/// <summary>Contact use cases: the shared record ones, plus lists.</summary>
public sealed class ContactHandlers(ICrmDbContext db, WorkspaceContext workspace, EventRecorder events, FieldHistory history, TimeProvider clock)
    : RecordHandlers<Contact, ContactInput, ContactDetails, ContactDto>(new ContactDefinition(), db, workspace, events, history, clock);
