namespace CrmApi.Api.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApiFixture>
{
    public const string Name = "api-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApiFixture>
{
    public const string Name = "api-postgres";
}
