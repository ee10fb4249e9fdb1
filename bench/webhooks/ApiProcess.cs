using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CrmApi.Bench.Webhooks;

/// <summary>
/// One API process (<c>dotnet CrmApi.Api.dll</c>) on a free loopback port, its output in a log file. Every process
/// started is remembered: <see cref="KillAll"/> ends those still running (on exit, Ctrl-C or SIGTERM), and each pid is
/// appended to a file the calling script kills from too, should this process die without cleaning up.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private ApiProcess(Process process, StreamWriter log, string url, string name)
    {
        _process = process;
        _log = log;
        Url = url;
        Name = name;
    }

    public string Url { get; }
    public string Name { get; }
    public int Pid => _process.Id;
    public string LogPath { get; private init; } = "";

    /// <summary>Stopwatch ticks when the process was launched and when /health/ready first answered 200.</summary>
    public long LaunchedAt { get; private set; }
    public long ReadyAt { get; private set; }

    public static ApiProcess Start(Settings s, string name, string database, bool runWorker)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = s.WorkDir,
        };
        info.ArgumentList.Add(s.ApiDll);
        var env = info.Environment;
        env["ASPNETCORE_URLS"] = url;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Crm__Database__Provider"] = s.Provider;
        env["ConnectionStrings__Crm"] = s.ConnectionString.Replace("{db}", database, StringComparison.Ordinal);
        env["Crm__AdminKey"] = s.AdminKey;
        env["Crm__Webhooks__AllowHttp"] = "true";
        env["Crm__Webhooks__AllowPrivateNetworks"] = "true";
        env["Crm__Webhooks__RunWorker"] = runWorker ? "true" : "false";
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in s.ApiEnv) env[key] = value;

        var logPath = Path.Combine(s.WorkDir, $"{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var api = new ApiProcess(process, log, url, name) { LogPath = logPath };
        process.OutputDataReceived += (_, e) => api.Write(e.Data);
        process.ErrorDataReceived += (_, e) => api.Write(e.Data);
        api.LaunchedAt = Stopwatch.GetTimestamp();
        process.Start();
        Running[process.Id] = process;
        if (s.PidsFile is { } pids) File.AppendAllText(pids, process.Id.ToString(CultureInfo.InvariantCulture) + "\n");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_logLock) _log.WriteLine(line);
    }

    /// <summary>Polls /health/ready every 10 ms until it answers 200; fails if the process exits or after the timeout.</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited) throw new BenchException($"{Name} exited (status {_process.ExitCode}) before it was ready; log: {LogPath}\n{Tail()}");
            if (Stopwatch.GetTimestamp() > deadline) throw new BenchException($"{Name} not ready after {timeout.TotalSeconds:0} s; log: {LogPath}\n{Tail()}");
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await http.GetAsync($"{Url}/health/ready", attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ReadyAt = Stopwatch.GetTimestamp();
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(10, ct);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Fails the run if the process died (it is expected to live until stopped).</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited) throw new BenchException($"{Name} exited (status {_process.ExitCode}); log: {LogPath}\n{Tail()}");
    }

    /// <summary>SIGTERM (the host shuts down in order), then a kill if it is still running after 20 s.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Pid.ToString(CultureInfo.InvariantCulture) } });
                if (kill is not null) await kill.WaitForExitAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"[webhooks] {Name} did not stop within 20 s of SIGTERM; killing it");
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        Running.TryRemove(_process.Id, out _);
    }

    public string Tail(int lines = 40)
    {
        lock (_logLock) _log.Flush();
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        lock (_logLock) _log.Dispose();
    }

    /// <summary>Kills every API process still running; safe to call from any thread, more than once.</summary>
    public static void KillAll()
    {
        foreach (var (pid, process) in Running)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
            Running.TryRemove(pid, out _);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>A failure that ends the run with a message (exit status 1).</summary>
internal sealed class BenchException(string message) : Exception(message);
