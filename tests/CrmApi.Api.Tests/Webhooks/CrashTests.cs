using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CrmApi.Api.Tests.Contacts;

namespace CrmApi.Api.Tests.Webhooks;

/// <summary>
/// Delivery survives a crash: the API runs as a real process on a SQLite file, is killed (SIGKILL) while it delivers
/// 2,000 events, and is started again on the same file; every event reaches the receiver at least once.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private const int Events = 2000;
    private const string AdminKey = "crash-admin-key-0123456789";
    private readonly string _dir = Directory.CreateTempSubdirectory("crm-crash-").FullName;
    private Process? _api;

    [Fact]
    public async Task A_process_killed_mid_delivery_loses_no_event()
    {
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        // The events are written by an instance that does not deliver, so all 2,000 wait when the next one starts.
        _api = Start(port, deliver: false);
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        await ReadyAsync(http);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var workspace = await (await http.PostAsJsonAsync("/api/v1/workspaces", new { name = "Crash" })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", workspace.GetProperty("apiKey").GetProperty("key").GetString());
        var hook = await http.CreateAsync("webhooks", """{"url":"https://placeholder.example.com/","eventTypes":["contact.created"]}""");
        await using var receiver = await NodeReceiver.StartAsync([hook.Str("secret")!]);
        // The receiver takes 20 ms per request: 2,000 deliveries take seconds, and the kill lands among them.
        (await http.PatchAsync($"/api/v1/webhooks/{hook.Id()}", $$"""{"url":"{{new Uri(receiver.Url, "slow?delay=20")}}"}""")).EnsureSuccessStatusCode();

        await Parallel.ForEachAsync(Enumerable.Range(0, Events), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await http.PostAsync("/api/v1/contacts", RecordApi.Json($$"""{"lastName":"Crash {{i}}"}"""), ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
        });
        _api.Kill(entireProcessTree: true);
        await _api.WaitForExitAsync();
        (await receiver.ReceivedAsync()).ShouldBeEmpty();

        // Kill the delivering instance while it delivers: some events have arrived, most have not.
        _api = Start(port);
        await ReadyAsync(http);
        await receiver.WaitForAsync(l => l.Count >= 100, TimeSpan.FromSeconds(60));
        _api.Kill(entireProcessTree: true);
        await _api.WaitForExitAsync();
        var before = (await receiver.ReceivedAsync()).Select(r => r.Id).Distinct().Count();
        before.ShouldBeLessThan(Events, "the kill came too late to test anything");

        _api = Start(port);
        await ReadyAsync(http);
        var log = await receiver.WaitForAsync(l => l.Select(r => r.Id).Distinct().Count() >= Events, TimeSpan.FromSeconds(150));
        log.Select(r => r.Id).Distinct().Count().ShouldBe(Events);
        log.ShouldAllBe(r => r.Verified);
    }

    private Process Start(int port, bool deliver = true)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ApiAssembly());
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Crm"] = $"Data Source={Path.Combine(_dir, "crm.db")}";
        start.Environment["Crm__AdminKey"] = AdminKey;
        start.Environment["Crm__Webhooks__AllowHttp"] = "true";
        start.Environment["Crm__Webhooks__AllowPrivateNetworks"] = "true";
        // A dead instance's messages are taken over when their lease runs out: keep it short here.
        start.Environment["Crm__Webhooks__Lease"] = "00:00:31";
        start.Environment["Crm__Webhooks__RunWorker"] = deliver ? "true" : "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task ReadyAsync(HttpClient http)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The API did not become ready.");
    }

    /// <summary>The API built beside these tests, in the same configuration.</summary>
    private static string ApiAssembly()
    {
        var dir = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = dir.Parent!.Name; // bin/<configuration>/net10.0
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmApi.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "src", "CrmApi.Api", "bin", configuration, "net10.0", "CrmApi.Api.dll");
        File.Exists(path).ShouldBeTrue($"build the API first: {path}");
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops the API process the test left running and removes its folder.</summary>
    public async Task DisposeAsync()
    {
        if (_api is { HasExited: false })
        {
            _api.Kill(entireProcessTree: true);
            await _api.WaitForExitAsync();
        }
        _api?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
