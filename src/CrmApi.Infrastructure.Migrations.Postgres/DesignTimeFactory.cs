using CrmApi.Application.Common;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmApi.Infrastructure.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the context for this provider without a host or a running database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CrmDbContext>
{
    public CrmDbContext CreateDbContext(string[] args)
    {
        var provider = new PostgresProvider();
        var options = new DbContextOptionsBuilder<CrmDbContext>();
        provider.Configure(options, "Host=localhost;Database=crm;Username=crm");
        return new CrmDbContext(options.Options).Bind(new WorkspaceContext(), provider);
    }
}
