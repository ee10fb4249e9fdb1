namespace CrmApi.Infrastructure.Persistence;

/// <summary>Settings under <c>Crm:Database</c>; the connection string is <c>ConnectionStrings:Crm</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Crm:Database";
    public const string DefaultSqlite = "Data Source=data/crm.db";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Apply pending migrations when the host starts.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
