using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmApi.Api.Tests.Infrastructure;

/// <summary>A second API host on the fixture's database, its workers running on a clock the test moves.</summary>
public sealed class ClockedHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    /// <summary>Starts the host, and with it its workers.</summary>
    public ClockedHost(ApiFixture fixture, FakeTimeProvider clock)
    {
        _factory = fixture.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        _ = _factory.Server;
    }

    public HttpClient Client(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public T Service<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
