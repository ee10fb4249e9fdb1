using CrmApi.Api.Http;
using CrmApi.Application.Contacts;
using CrmApi.Application.Contacts.LinkCompany;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class ContactEndpoints
{
    public static readonly RecordEndpoints.Names Names = new("Contact", "Contacts", "contacts", Scopes.ContactsRead, Scopes.ContactsWrite);

    public static void MapContactEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/contacts").WithTags("Contacts");
        group.MapRecordRoutes<Contact, ContactInput, ContactDetails, ContactDto, ContactHandlers>(Names);
        group.MapListRoutes<Contact, ContactInput, ContactDetails, ContactDto, ContactHandlers>(Names);

        group.MapPut("/{id:guid}/companies/{companyId:guid}", async Task<Results<Ok<ContactDto>, ProblemHttpResult>> (
                Guid id, Guid companyId, HttpContext http, LinkCompanyHandler handler, CancellationToken ct) =>
            {
                var body = await JsonBody.ReadOptionalObjectAsync(http.Request, JsonBody.Json, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                return RecordResults.WithETag(http, await handler.LinkAsync(id, companyId, body.Value, ct));
            })
            .WithName("LinkContactCompany").WithSummary("Link a contact to a company, with an optional role and primary flag")
            .Accepts<LinkCompanyInput>("application/json")
            .RequireAuthorization(Scopes.ContactsWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(415);

        group.MapDelete("/{id:guid}/companies/{companyId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid id, Guid companyId, LinkCompanyHandler handler, CancellationToken ct) =>
                (await handler.UnlinkAsync(id, companyId, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("UnlinkContactCompany").WithSummary("Remove the link between a contact and a company")
            .RequireAuthorization(Scopes.ContactsWrite)
            .ProducesProblem(404);
    }
}
