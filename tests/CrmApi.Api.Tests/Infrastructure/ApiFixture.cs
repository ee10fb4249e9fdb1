using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmApi.Application.Common;
using CrmApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmApi.Api.Tests.Infrastructure;

/// <summary>
/// One API host per provider, shared by the contract tests of that provider. Tests isolate themselves by working in a
/// workspace of their own.
/// </summary>
public abstract class ApiFixture : IAsyncLifetime
{
    private CrmApiFactory? _factory;

    public CrmApiFactory Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialised.");
    public string Provider => Factory.Provider;

    /// <summary>Settings or services of this fixture's host beyond the test defaults (a fixture of its own for one test class).</summary>
    public Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? Configure { get; init; }

    protected abstract Task<(string Provider, string ConnectionString)> CreateDatabaseAsync();
    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        var (provider, connectionString) = await CreateDatabaseAsync();
        _factory = new CrmApiFactory(provider, connectionString, Configure);
        _ = _factory.Server; // starts the host: migrations run now
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        await DropDatabaseAsync();
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public HttpClient Client(string key)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Admin() => Client(CrmApiFactory.AdminKey);

    /// <summary>A new workspace and a client holding its full-scope key.</summary>
    public async Task<TestWorkspace> NewWorkspaceAsync(string name = "Test")
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/workspaces", new { name });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("apiKey").GetProperty("key").GetString()!;
        return new TestWorkspace(this, body.GetProperty("id").GetGuid(), key, Client(key));
    }

    /// <summary>
    /// Everything a workspace holds, as one string: compare it before and after a rejected request to prove nothing
    /// was written.
    /// </summary>
    public async Task<string> FingerprintAsync(Guid workspaceId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var snapshot = new
        {
            contacts = await db.Contacts.IgnoreQueryFilters([QueryFilters.SoftDelete]).AsNoTracking().OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Version, c.UpdatedAt, c.DeletedAt, c.FirstName, c.LastName, c.Email, c.Tags }).ToListAsync(),
            companies = await db.Companies.IgnoreQueryFilters([QueryFilters.SoftDelete]).AsNoTracking().OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Version, c.UpdatedAt, c.DeletedAt, c.Name, c.Domain }).ToListAsync(),
            links = await db.ContactCompanies.AsNoTracking().OrderBy(l => l.ContactId).ThenBy(l => l.CompanyId)
                .Select(l => new { l.ContactId, l.CompanyId, l.Role, l.IsPrimary }).ToListAsync(),
            contactIds = await db.ContactExternalIds.AsNoTracking().OrderBy(e => e.RecordId).ThenBy(e => e.System)
                .Select(e => new { e.RecordId, e.System, e.Value }).ToListAsync(),
            companyIds = await db.CompanyExternalIds.AsNoTracking().OrderBy(e => e.RecordId).ThenBy(e => e.System)
                .Select(e => new { e.RecordId, e.System, e.Value }).ToListAsync(),
            activities = await db.Activities.IgnoreQueryFilters([QueryFilters.SoftDelete]).AsNoTracking().OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Version, a.DeletedAt, a.Type, a.Title, a.Body }).ToListAsync(),
            activityLinks = await db.ActivityContacts.CountAsync() + await db.ActivityCompanies.CountAsync() + await db.ActivityDeals.CountAsync(),
            pipelines = await db.Pipelines.AsNoTracking().OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.Version, p.Name, p.IsDefault, p.UpdatedAt }).ToListAsync(),
            stages = await db.PipelineStages.AsNoTracking().OrderBy(s => s.PipelineId).ThenBy(s => s.Key)
                .Select(s => new { s.PipelineId, s.Key, s.Label, s.Position, s.Probability, s.Category, s.State }).ToListAsync(),
            deals = await db.Deals.IgnoreQueryFilters([QueryFilters.SoftDelete]).AsNoTracking().OrderBy(d => d.Id)
                .Select(d => new { d.Id, d.Version, d.DeletedAt, d.Name, d.Amount, d.Currency, d.PipelineId, d.Stage, d.ClosedAt }).ToListAsync(),
            dealLinks = await db.DealContacts.CountAsync() + await db.DealCompanies.CountAsync() + await db.DealExternalIds.CountAsync(),
            stageStays = await db.DealStageStays.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Stage, s.LeftAt }).ToListAsync(),
            tickets = await db.Tickets.IgnoreQueryFilters([QueryFilters.SoftDelete]).AsNoTracking().OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.Version, t.DeletedAt, t.Subject, t.Stage, t.Priority, t.SlaPolicyId, t.FirstRespondedAt, t.SatisfactionScore })
                .ToListAsync(),
            ticketRows = await db.TicketComments.CountAsync() + await db.TicketExternalIds.CountAsync() + await db.TicketSlaBreaches.CountAsync(),
            slaPolicies = await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.Version, p.Position, p.DeletedAt, p.Name, p.Conditions, p.TimeZone, p.WeeklyHours, p.Holidays, p.Targets })
                .ToListAsync(),
            events = await db.Events.CountAsync(),
            keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => new { k.Id, k.RevokedAt }).ToListAsync(),
            workspaces = await db.Workspaces.CountAsync(),
        };
        return JsonSerializer.Serialize(snapshot);
    }
}

/// <summary>A workspace made for one test, with a full-scope client.</summary>
public sealed record TestWorkspace(ApiFixture Fixture, Guid Id, string Key, HttpClient Client)
{
    public Task<string> FingerprintAsync() => Fixture.FingerprintAsync(Id);

    /// <summary>A client holding a new key of this workspace with just <paramref name="scopes"/>.</summary>
    public async Task<HttpClient> ClientWithScopesAsync(params string[] scopes)
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "scoped", scopes });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Fixture.Client(body.GetProperty("key").GetString()!);
    }
}
