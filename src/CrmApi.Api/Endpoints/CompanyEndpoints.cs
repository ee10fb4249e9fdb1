using CrmApi.Api.Http;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class CompanyEndpoints
{
    public static readonly RecordEndpoints.Names Names = new("Company", "Companies", "companies", Scopes.CompaniesRead, Scopes.CompaniesWrite);

    public static void MapCompanyEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/companies").WithTags("Companies");
        group.MapRecordRoutes<Company, CompanyInput, CompanyDetails, CompanyDto, CompanyHandlers>(Names);
        group.MapListRoutes<Company, CompanyInput, CompanyDetails, CompanyDto, CompanyHandlers>(Names);

        group.MapGet("/{id:guid}/contacts", async Task<Results<Ok<PageDto<ContactDto>>, ProblemHttpResult>> (
                Guid id, CompanyHandlers companies, ContactHandlers contacts, CancellationToken ct,
                string? filter, string? sort, int? limit, string? cursor) =>
            {
                if (!await companies.ExistsAsync(id, ct)) return Problems.From(companies.NotFound);
                var page = await contacts.ListAsync(ListEndpoints.Request(filter, sort, limit, cursor), ct,
                    c => c.Companies.Any(l => l.CompanyId == id));
                return page.ToHttp(p => TypedResults.Ok(PageDto<ContactDto>.From(p)));
            })
            .WithName("ListCompanyContacts").WithSummary("List the contacts linked to a company (same filter, sort and paging as contacts)")
            .RequireAuthorization(Scopes.CompaniesRead)
            .RequireAuthorization(Scopes.ContactsRead)
            .ProducesProblem(400).ProducesProblem(404);
    }
}
