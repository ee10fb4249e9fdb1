using CrmApi.Application.Activities;
using CrmApi.Application.ApiKeys;
using CrmApi.Application.Timeline;
using CrmApi.Application.Common;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.CustomFields;
using CrmApi.Application.Records;
using CrmApi.Application.Events;
using CrmApi.Application.Contacts.LinkCompany;
using CrmApi.Application.Deals;
using CrmApi.Application.Tickets;
using CrmApi.Application.Segments;
using CrmApi.Application.Webhooks;
using CrmApi.Application.Deals.Forecast;
using CrmApi.Application.Pipelines;
using CrmApi.Application.SlaPolicies;
using CrmApi.Application.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Workspaces;

namespace CrmApi.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddCrmApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<WorkspaceContext>();
        services.AddOptions<ReadCacheOptions>();
        services.AddReadCache<string, ApiKey>();
        services.AddReadCache<(Guid Workspace, string ObjectType), IReadOnlyList<CustomFieldDefinition>>();
        services.AddReadCache<Guid, SlaPolicySet>();
        services.AddScoped<EventRecorder>();
        services.AddScoped<CustomFieldSet>();
        services.AddScoped<CustomFieldHandlers>();
        services.AddScoped<RecordServices>();
        services.AddScoped<Meta.ObjectMetadataReader>();
        services.AddScoped<EventFeed>();
        services.AddScoped<FieldHistory>();
        services.AddScoped<ContactHandlers>();
        services.AddScoped<CompanyHandlers>();
        services.AddScoped<ActivityHandlers>();
        services.AddScoped<DealHandlers>();
        services.AddScoped<TicketHandlers>();
        services.AddScoped<TicketSlaDue>();
        services.AddScoped<TicketCatalog>();
        services.AddScoped<RecordFilters>();
        services.AddScoped<WebhookHandlers>();
        services.AddScoped<SegmentMembership>();
        services.AddScoped<SegmentHandlers>();
        services.AddScoped<SegmentEngine>();
        services.AddScoped<WebhookDispatcher>();
        services.AddScoped<WebhookDeliverer>();
        services.AddScoped<DealForecast>();
        services.AddScoped<PipelineHandlers>();
        services.AddScoped<SlaPolicyBook>();
        services.AddScoped<SlaPolicyHandlers>();
        services.AddScoped<TimelineReader>();
        services.AddScoped<LinkCompanyHandler>();
        services.AddScoped<ApiKeyHandlers>();
        services.AddScoped<WorkspaceHandlers>();
        return services;
    }

    /// <summary>A process-wide <see cref="SharedReadCache{TKey, TValue}"/> whose entries live as long as <see cref="ReadCacheOptions"/> says.</summary>
    private static void AddReadCache<TKey, TValue>(this IServiceCollection services) where TKey : notnull
        => services.AddSingleton(sp => new SharedReadCache<TKey, TValue>(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ReadCacheOptions>>().Value.Lifetime));
}
