using CrmApi.Application.Records;
using CrmApi.Domain.Companies;

namespace CrmApi.Application.Companies;

/// <summary>Company use cases: the shared record ones (create, read, merge patch, delete, restore, lists, history).</summary>
public sealed class CompanyHandlers(RecordServices services)
    : RecordHandlers<Company, CompanyInput, CompanyDetails, CompanyDto>(new CompanyDefinition(), services);
