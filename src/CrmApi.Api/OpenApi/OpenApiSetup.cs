using CrmApi.Api.Auth;
using CrmApi.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using CrmApi.Application.Events;
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
        ["Meta"] = "The field catalog per object and the event types with their payload schemas.",
        ["Activities"] = "Interaction history: notes, tasks, calls, emails, meetings and purchases, linked to contacts and companies.",
        ["Events"] = "The change feed: every change to every record, in commit order, gap-free.",
        ["Pipelines"] = "The stages deals and tickets move through: one default pipeline per object type, stages added, "
            + "changed, reordered and removed (moving their records).",
        ["Deals"] = "Sales opportunities: the record operations of contacts, stage moves with stage history and events, and the forecast.",
        ["SLA policies"] = "Response and resolution targets per ticket priority on a business-hours calendar; the first live policy "
            + "by position whose conditions a ticket meets applies to it.",
    };

    /// <summary>The methods that take an Idempotency-Key; reads ignore it.</summary>
    private static readonly HashSet<string> IdempotentMethods = new(["POST", "PATCH", "PUT", "DELETE"], StringComparer.OrdinalIgnoreCase);

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
                    Description = "A headless CRM: contacts, companies, their links, activities, pipelines and deals over a versioned REST API. "
                        + "Errors are RFC 9457 problem details; lists use one filter language and keyset cursors.",
                    License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
                };
                document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
                document.Servers?.Clear();
                AddWebhooks(document);
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
                    {
                        var requires = $"Requires scope: {string.Join(", ", scopes)}.";
                        operation.Description = string.IsNullOrEmpty(operation.Description) ? requires : $"{operation.Description}\n\n{requires}";
                    }
                }
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(AddIdempotencyKey);
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

    /// <summary>
    /// Documents each event type as an OpenAPI 3.1 webhook whose body is the event, so integrators can generate
    /// payload types; one component schema per object type (<c>ContactEvent</c>, ...).
    /// </summary>
    private static void AddWebhooks(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var reader = new Microsoft.OpenApi.Reader.OpenApiJsonReader();
        foreach (var group in EventCatalog.All.GroupBy(EventCatalog.SchemaNameOf))
        {
            var name = group.Key;
            var node = EventCatalog.SchemaFor(group.First().ObjectType, [.. group.Select(e => e.Type)]);
            var schema = reader.ReadFragment<OpenApiSchema>(node, OpenApiSpecVersion.OpenApi3_1, document, out _);
            document.Components.Schemas[name] = schema!;
        }
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var info in EventCatalog.All)
        {
            var name = EventCatalog.SchemaNameOf(info);
            var operation = new OpenApiOperation
            {
                OperationId = "on_" + info.Type.Replace('.', '_'),
                Summary = info.Type,
                Description = info.Description,
                Tags = new HashSet<OpenApiTagReference> { new("Events", document) },
                Security = [],
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document) },
                    },
                },
                Responses = new OpenApiResponses { ["2XX"] = new OpenApiResponse { Description = "The subscriber accepted the event." } },
            };
            document.Webhooks[info.Type] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation } };
        }
    }

    /// <summary>
    /// Every write under /api/v1 takes an optional <c>Idempotency-Key</c> (see <see cref="IdempotencyMiddleware"/>): a
    /// header parameter, and the 409 (its request still runs) and 422 (it was used for another request) it can cause.
    /// </summary>
    private static Task AddIdempotencyKey(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var method = context.Description.HttpMethod;
        if (method is null || !IdempotentMethods.Contains(method)
            || context.Description.RelativePath?.StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase) != true)
            return Task.CompletedTask;

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.KeyHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: the first request with a key runs and its response (2xx or 4xx) is kept "
                + "(24 hours by default); a retry with the same key and the same method, path, query and body gets that "
                + $"response again, with `{IdempotencyMiddleware.ReplayedHeader}: true`, and runs nothing. Keys are per workspace.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyMiddleware.MaxKeyLength },
        });
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("409", new OpenApiResponse
        {
            Description = "Conflict; among other causes, a request with this Idempotency-Key is still in progress "
                + "(retry after Retry-After seconds).",
            Content = ProblemContent(context.Document),
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            },
        });
        operation.Responses.TryAdd("422", new OpenApiResponse
        {
            Description = "The Idempotency-Key was already used for a different request.",
            Content = ProblemContent(context.Document),
        });
        return Task.CompletedTask;
    }

    private static Dictionary<string, OpenApiMediaType> ProblemContent(OpenApiDocument? document) => new()
    {
        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
    };

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
