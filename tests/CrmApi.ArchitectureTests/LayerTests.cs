using System.Reflection;
using NetArchTest.Rules;

namespace CrmApi.ArchitectureTests;

/// <summary>Dependencies point inward: Api → Application → Domain; Infrastructure → Application; nothing → Api.</summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(CrmApi.Domain.Common.Record).Assembly;
    private static readonly Assembly Application = typeof(CrmApi.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(CrmApi.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(Program).Assembly;

    private static readonly Assembly[] Ours =
    [
        Domain, Application, Infrastructure, Api,
        typeof(CrmApi.Infrastructure.Migrations.Sqlite.DesignTimeFactory).Assembly,
        typeof(CrmApi.Infrastructure.Migrations.Postgres.DesignTimeFactory).Assembly,
    ];

    [Fact]
    public void Domain_references_none_of_our_assemblies()
        => ReferencedOurs(Domain).ShouldBeEmpty();

    [Fact]
    public void Application_references_only_Domain()
        => ReferencedOurs(Application).ShouldBe(["CrmApi.Domain"]);

    [Fact]
    public void Nothing_references_Api()
    {
        foreach (var assembly in Ours.Where(a => a != Api))
            ReferencedOurs(assembly).ShouldNotContain("CrmApi.Api", $"{assembly.GetName().Name} references the Api host");
    }

    [Fact]
    public void Domain_and_Application_know_no_database_provider_or_web_framework()
    {
        var result = Types.InAssemblies([Domain, Application])
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore.Sqlite", "Npgsql", "Microsoft.Data.Sqlite", "Microsoft.AspNetCore")
            .GetResult();
        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Infrastructure_does_not_reference_Api()
        => ReferencedOurs(Infrastructure).ShouldBe(["CrmApi.Application", "CrmApi.Domain"], ignoreOrder: true);

    private static List<string> ReferencedOurs(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("CrmApi.", StringComparison.Ordinal)).Order()];
}
