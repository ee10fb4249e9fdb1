using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmApi.Api.Tests.Webhooks;

/// <summary>
/// A webhook receiver on loopback that verifies every request with the <c>standardwebhooks</c> npm package (the
/// reference verifier, pinned in <c>tests/webhook-receiver/package-lock.json</c>): <c>node receiver.mjs</c> started with
/// the given secrets, answering 204 to a verified POST and 401 otherwise, on any path. Dispose to stop it.
/// <code>
/// await using var receiver = await NodeReceiver.StartAsync([secret]);
/// // POST to receiver.Url (or new Uri(receiver.Url, "hooks/a?fail-first=2&amp;status=410") for one endpoint's knobs)
/// var log = await receiver.WaitForAsync(r =&gt; r.Count == 1);
/// </code>
/// </summary>
public sealed class NodeReceiver : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // npm ci runs at most once per test run (scripts/test.sh usually has done it already).
    private static readonly Lazy<Task> Install = new(() => InstallAsync(ReceiverDirectory()));

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr;
    private readonly Task _stdoutDrain;
    private readonly HttpClient _http;

    private NodeReceiver(Process process, ConcurrentQueue<string> stderr, Uri url)
    {
        _process = process;
        _stderr = stderr;
        Url = url;
        _stdoutDrain = process.StandardOutput.ReadToEndAsync();
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The receiver's base address, <c>http://127.0.0.1:{port}/</c>; every path accepts webhooks.</summary>
    public Uri Url { get; }

    /// <summary>Starts a receiver that accepts a request when any of <paramref name="secrets"/> verifies it.</summary>
    /// <param name="failFirst">Answer 500 to the first N requests of each webhook-id (per path and query).</param>
    /// <param name="status">Answer this status to every request (after <paramref name="failFirst"/>), verified or not.</param>
    public static async Task<NodeReceiver> StartAsync(
        IEnumerable<string> secrets, int failFirst = 0, int? status = null, CancellationToken ct = default)
    {
        var dir = ReceiverDirectory();
        await Install.Value.WaitAsync(ct);

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "receiver.mjs", "--port", "0", "--fail-first", failFirst.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        foreach (var secret in secrets)
        {
            start.ArgumentList.Add("--secret");
            start.ArgumentList.Add(secret);
        }
        if (status is { } code)
        {
            start.ArgumentList.Add("--status");
            start.ArgumentList.Add(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var stderr = new ConcurrentQueue<string>();
        var process = StartProcess(start, stderr);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StartTimeout);
            var first = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"receiver.mjs exited before listening: {string.Join('\n', stderr)}");
            using var doc = JsonDocument.Parse(first);
            var port = doc.RootElement.GetProperty("port").GetInt32();
            return new NodeReceiver(process, stderr, new Uri($"http://127.0.0.1:{port}/"));
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Everything received so far, oldest first.</summary>
    public async Task<IReadOnlyList<Received>> ReceivedAsync(CancellationToken ct = default)
        => await _http.GetFromJsonAsync<List<Received>>("received", Json, ct)
            ?? throw new InvalidOperationException("The receiver answered null for its log.");

    /// <summary>Polls the log until <paramref name="done"/> holds; fails after <paramref name="timeout"/> (default 30 s).</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(
        Func<IReadOnlyList<Received>, bool> done, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            var log = await ReceivedAsync(ct);
            if (done(log)) return log;
            if (deadline.Elapsed > limit)
                throw new TimeoutException($"The receiver's log did not reach the expected state in {limit}: {JsonSerializer.Serialize(log, Json)}");
            await Task.Delay(50, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        Stop(_process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
        await _stdoutDrain;
        _process.Dispose();
    }

    /// <summary>The receiver's standard error so far, for failure messages.</summary>
    public string Errors => string.Join('\n', _stderr);

    private static void Stop(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
    }

    private static Process StartProcess(ProcessStartInfo start, ConcurrentQueue<string> stderr)
    {
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Enqueue(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not run '{start.FileName}': Node.js 20 and npm are needed for the webhook signature tests.", e);
        }
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary><c>npm ci</c> from the lock file when node_modules is missing or older than the lock file.</summary>
    private static async Task InstallAsync(string dir)
    {
        var installed = new FileInfo(Path.Combine(dir, "node_modules", ".package-lock.json"));
        if (installed.Exists
            && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(dir, "package-lock.json"))
            && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(dir, "package.json")))
            return;

        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund" }) start.ArgumentList.Add(arg);
        var stderr = new ConcurrentQueue<string>();
        using var process = StartProcess(start, stderr);
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Stop(process);
            throw new TimeoutException($"npm ci in {dir} took longer than {InstallTimeout}.");
        }
        await output;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"npm ci in {dir} failed with exit code {process.ExitCode}:\n{string.Join('\n', stderr)}");
    }

    private static string ReceiverDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmApi.sln"))) dir = dir.Parent;
        return dir is null
            ? throw new InvalidOperationException("CrmApi.sln not found above the test binaries.")
            : Path.Combine(dir.FullName, "tests", "webhook-receiver");
    }
}
