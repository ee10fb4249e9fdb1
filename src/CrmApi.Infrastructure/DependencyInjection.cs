using CrmApi.Application.Common;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmApi.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddCrmInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        IDatabaseProvider provider = options.Provider.ToLowerInvariant() switch
        {
            "sqlite" => new SqliteProvider(),
            "postgres" or "postgresql" => new PostgresProvider(),
            var other => throw new InvalidOperationException(
                $"Crm:Database:Provider '{other}' is not supported; use 'sqlite' or 'postgres'."),
        };
        var connectionString = configuration.GetConnectionString("Crm")
            ?? (provider is SqliteProvider ? DatabaseOptions.DefaultSqlite
                : throw new InvalidOperationException("ConnectionStrings:Crm is required for PostgreSQL."));

        services.AddSingleton(provider);
        services.AddDbContext<CrmDbContext>(o => provider.Configure(o, connectionString));
        services.AddScoped<ICrmDbContext>(sp => sp.GetRequiredService<CrmDbContext>());
        services.AddScoped<DatabaseInitializer>();
        return services;
    }
}
