namespace CrmApi.Api;

/// <summary>Host settings under <c>Crm</c>.</summary>
public sealed class CrmOptions
{
    public const string Section = "Crm";

    /// <summary>The platform administrator's key (env <c>Crm__AdminKey</c>): may create workspaces. Unset: nobody may.</summary>
    public string? AdminKey { get; set; }

    public CorsOptions Cors { get; set; } = new();

    public sealed class CorsOptions
    {
        /// <summary>Origins allowed to call the API from a browser; none by default.</summary>
        public string[] AllowedOrigins { get; set; } = [];
    }
}
