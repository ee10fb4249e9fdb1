using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Companies;

namespace CrmApi.Application.Companies;

/// <summary>Company use cases: the shared record ones, plus lists.</summary>
public sealed class CompanyHandlers(ICrmDbContext db, WorkspaceContext workspace, EventRecorder events, FieldHistory history, TimeProvider clock)
    : RecordHandlers<Company, CompanyInput, CompanyDetails, CompanyDto>(new CompanyDefinition(), db, workspace, events, history, clock);
