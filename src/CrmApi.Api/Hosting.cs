using System.Text.Json;
using Asp.Versioning;
using CrmApi.Api.Auth;
using CrmApi.Api.Endpoints;
using CrmApi.Api.Http;
using CrmApi.Api.OpenApi;
using CrmApi.Application;
using CrmApi.Application.Common;
using CrmApi.Application.Workspaces;
using CrmApi.Infrastructure;
using CrmApi.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace CrmApi.Api;

/// <summary>How the host is put together, in the order it runs.</summary>
public static class Hosting
{
    public const string CorsPolicy = "crm-browsers";

    /// <summary>Headers browser scripts may read on a cross-origin response.</summary>
    public static readonly string[] ExposedHeaders =
        ["ETag", "Location", "Idempotency-Key", IdempotencyMiddleware.ReplayedHeader, "RateLimit", "RateLimit-Policy", "Retry-After", "api-supported-versions"];

    public static WebApplicationBuilder AddCrmApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null
            && builder.Configuration["Kestrel:Endpoints:Http:Url"] is null)
            builder.WebHost.UseUrls("http://localhost:5080");

        services.AddOptions<CrmOptions>().BindConfiguration(CrmOptions.Section).ValidateOnStart();
        services.AddCrmApplication();
        services.AddOptions<ReadCacheOptions>().BindConfiguration(ReadCacheOptions.Section);
        services.AddCrmInfrastructure(builder.Configuration);
        services.AddCrmWorkers();

        services.ConfigureHttpJsonOptions(o => CrmJson.Configure(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Problems the framework writes (no route, a bad parameter) get the same stable types as ours.
            if (ctx.ProblemDetails.Type?.StartsWith(Problems.TypePrefix, StringComparison.Ordinal) != true
                && Problems.CodeOf(ctx.ProblemDetails.Status ?? 500) is { } code)
                ctx.ProblemDetails.Type = Problems.TypePrefix + code;
            ctx.ProblemDetails.Detail ??= Problems.DefaultDetail(ctx.ProblemDetails.Status ?? 500, ctx.HttpContext);
        });
        // A query parameter that does not bind (limit=abc) throws, so the handler below can name it.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddScopePolicies();

        services.AddApiVersioning(o =>
            {
                o.DefaultApiVersion = new ApiVersion(1);
                o.ReportApiVersions = true;
                o.ApiVersionReader = new PathApiVersionReader();
            })
            .AddApiExplorer(o => o.GroupNameFormat = "'v'V");
        services.AddCrmOpenApi();

        services.AddCors(o => o.AddPolicy(CorsPolicy, p =>
        {
            var origins = builder.Configuration.GetSection("Crm:Cors:AllowedOrigins").Get<string[]>() ?? [];
            p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        services.AddHealthChecks().AddDbContextCheck<CrmDbContext>("database", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseCrmApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors(CorsPolicy);
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: keys are recorded per workspace, which the credential names.
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    /// <summary>Applies migrations (unless turned off) and, on a new database, creates the Default workspace and prints its key.</summary>
    public static async Task InitializeCrmAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        if (sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            await sp.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        else return;

        var created = await sp.GetRequiredService<WorkspaceHandlers>().EnsureDefaultAsync(CancellationToken.None);
        if (created is null) return;
        // Shown once: only its hash is stored.
        Console.WriteLine();
        Console.WriteLine($"Created workspace \"{created.Name}\" ({created.Id}). Its API key, shown only this once:");
        Console.WriteLine();
        Console.WriteLine($"    {created.ApiKey.Key}");
        Console.WriteLine();
        Console.WriteLine($"Try: curl -H \"Authorization: Bearer {created.ApiKey.Key}\" http://localhost:5080/api/v1/contacts");
        Console.WriteLine();
    }

    public static WebApplication MapCrmEndpoints(this WebApplication app)
    {
        app.MapCrmOpenApi();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });

        var v1 = app.NewVersionedApi("Crm").MapGroup(PathApiVersionReader.Prefix + "1").HasApiVersion(1);
        v1.MapContactEndpoints();
        v1.MapCompanyEndpoints();
        v1.MapWorkspaceEndpoints();
        v1.MapApiKeyEndpoints();
        v1.MapMetaEndpoints();
        v1.MapEventEndpoints();
        v1.MapActivityEndpoints();
        v1.MapTimelineEndpoints();
        v1.MapPipelineEndpoints();
        v1.MapDealEndpoints();
        v1.MapTicketEndpoints();
        v1.MapSlaPolicyEndpoints();
        v1.MapWebhookEndpoints();
        v1.MapSegmentEndpoints();
        return app;
    }
}
