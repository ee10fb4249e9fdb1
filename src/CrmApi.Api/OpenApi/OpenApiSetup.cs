using CrmApi.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace CrmApi.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document per API version, made ready for client generators: bearer security on every protected
/// operation, string enums typed as strings, decimals as <c>format: decimal</c>, and no server baked in from a request.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    private const string SecuritySchemeName = "apiKey";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Contacts"] = "People: create, read, merge-patch, delete and restore, lists and search, links to companies.",
        ["Companies"] = "Organisations: the same record operations as contacts, and a company's contacts.",
        ["Workspaces"] = "Tenants. Creating one needs the platform admin key.",
        ["ApiKeys"] = "Workspace credentials with scopes; the secret is shown once.",
        ["Meta"] = "The field catalog per object: types, filter operators, sortability.",
    };

    public static IServiceCollection AddCrmOpenApi(this IServiceCollection services)
        => services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CrmApi",
                    Version = "1.0",
                    Description = "A headless CRM: contacts, companies and their links over a versioned REST API. "
                        + "Errors are RFC 9457 problem details; lists use one filter language and keyset cursors.",
                    License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
                };
                document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
                document.Servers?.Clear();
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A workspace API key (crm_...), or the platform admin key for workspace creation.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Distinct().ToList();
                if (policies.Count > 0 || metadata.OfType<IAuthorizeData>().Any())
                {
                    var scopes = policies.Where(p => p != ScopePolicies.AnyWorkspaceKey && p != ScopePolicies.PlatformAdmin).Select(p => p!).ToList();
                    operation.Security =
                    [
                        new OpenApiSecurityRequirement
                        {
                            [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = scopes,
                        },
                    ];
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No, an unknown, expired or revoked API key." });
                    operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The API key lacks the scope this operation needs." });
                    if (scopes.Count > 0)
                        operation.Description = $"Requires scope: {string.Join(", ", scopes)}.";
                }
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
                if (type.IsEnum)
                {
                    // aspnetcore#61303: string enums lack "type": "string", and generators then send integers.
                    // A nullable use already wraps the shared enum schema in oneOf with null; the enum itself stays non-null.
                    schema.Type = JsonSchemaType.String;
                    if (schema.Enum is { } values)
                    {
                        for (var i = values.Count - 1; i >= 0; i--)
                            if (values[i] is null) values.RemoveAt(i);
                    }
                }
                else if (type == typeof(decimal))
                {
                    schema.Format = "decimal";
                }
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapCrmOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint($"/openapi/{DocumentName}.json", "CrmApi v1");
            o.RoutePrefix = "swagger";
        });
        return app;
    }
}
