using CrmApi.Api;
using CrmApi.Api.Endpoints;
using CrmApi.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmApi();

var app = builder.Build();
app.UseCrmApi();

if (args.Contains("migrate"))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
    Console.WriteLine("Migrations applied.");
    return;
}

await app.InitializeCrmAsync();
app.MapCrmEndpoints();
await app.RunAsync();

/// <summary>The host entry point; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
