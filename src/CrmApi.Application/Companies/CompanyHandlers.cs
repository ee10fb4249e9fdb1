using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Companies;

namespace CrmApi.Application.Companies;

/// <summary>Company use cases: the shared record ones, plus lists.</summary>
public sealed class CompanyHandlers(RecordServices services)
    : RecordHandlers<Company, CompanyInput, CompanyDetails, CompanyDto>(new CompanyDefinition(), services);
