using CrmApi.Application.Common;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmApi.Infrastructure.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the context for this provider without a host or a running database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CrmDbContext>
{
    public CrmDbContext CreateDbContext(string[] args)
    {
        var provider = new SqliteProvider();
        var options = new DbContextOptionsBuilder<CrmDbContext>();
        provider.Configure(options, "Data Source=design.db");
        return new CrmDbContext(options.Options).Bind(new WorkspaceContext(), provider);
    }
}
