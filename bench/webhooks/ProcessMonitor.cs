using System.Diagnostics;

namespace CrmApi.Bench.Webhooks;

/// <summary>What the machine did over a measured window.</summary>
/// <param name="ApiCpu">CPU seconds of the API process.</param>
/// <param name="DbCpu">CPU seconds of the PostgreSQL cluster, when there is one.</param>
/// <param name="DriverCpu">CPU seconds of this process (receiver and client).</param>
/// <param name="OtherCpu">CPU seconds of everything else on the machine (other processes, the kernel's own work).</param>
/// <param name="Running">The API's threads running or runnable, on average over the samples.</param>
/// <param name="Disk">The API's threads in uninterruptible (disk) sleep, on average.</param>
/// <param name="ReadMb">Bytes the API read (read calls on files and sockets, from /proc/pid/io), in MB.</param>
/// <param name="ReadCalls">The API's read calls.</param>
internal sealed record WindowResult(
    double Seconds, double ApiCpu, double? DbCpu, double DriverCpu, double OtherCpu, double Running, double Disk, double ReadMb, long ReadCalls);

/// <summary>
/// Samples, every 50 ms from its start until stopped, the CPU time of the API process, of the PostgreSQL cluster, of
/// this process and of the whole machine (from /proc), and the API's thread states; <see cref="Between"/> then gives any
/// window inside, chosen afterwards (a drain's window starts at its first delivery, which can come before the instance
/// answers /health/ready).
/// </summary>
internal sealed class ProcessMonitor : IAsyncDisposable
{
    private readonly record struct Sample(long At, long Api, long Db, long Me, long Machine, int Running, int Disk, long ReadBytes, long ReadCalls);

    private readonly int _api;
    private readonly int? _postmaster;
    private readonly long _clkTck;
    private readonly List<Sample> _samples = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private int[] _backends = [];
    private long _backendsAt;

    public ProcessMonitor(int api, int? postmaster, long clkTck)
    {
        (_api, _postmaster, _clkTck) = (api, postmaster, clkTck);
        Take();
        _sampler = Task.Run(SampleAsync);
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Take();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Take()
    {
        var db = 0L;
        if (_postmaster is { } pm)
        {
            // The cluster's processes are listed again every second (a /proc scan), and read at every sample.
            if (Stopwatch.GetTimestamp() - _backendsAt > Stopwatch.Frequency)
            {
                _backends = ProcStats.Children(pm);
                _backendsAt = Stopwatch.GetTimestamp();
            }
            db = ProcStats.CpuTicks(pm, reaped: true) + _backends.Sum(p => ProcStats.CpuTicks(p));
        }
        var (running, disk) = ProcStats.ThreadStates(_api);
        var (readBytes, readCalls) = ProcStats.Reads(_api);
        var sample = new Sample(Stopwatch.GetTimestamp(), ProcStats.CpuTicks(_api), db, ProcStats.CpuTicks(Environment.ProcessId),
            ProcStats.MachineBusyTicks(), running, disk, readBytes, readCalls);
        lock (_lock) _samples.Add(sample);
    }

    /// <summary>The window from the last sample at or before <paramref name="from"/> to the first at or after <paramref name="to"/>.</summary>
    public WindowResult Between(long from, long to)
    {
        Take();
        List<Sample> all;
        lock (_lock) all = [.. _samples];
        var first = all.LastOrDefault(x => x.At <= from, all[0]);
        var last = all.FirstOrDefault(x => x.At >= to, all[^1]);
        var inside = all.Where(x => x.At >= first.At && x.At <= last.At).ToList();
        double S(long ticks) => ticks / (double)_clkTck;
        var api = last.Api - first.Api;
        var db = last.Db - first.Db;
        var me = last.Me - first.Me;
        return new WindowResult((last.At - first.At) / (double)Stopwatch.Frequency, S(api), _postmaster is null ? null : S(db), S(me),
            Math.Max(0, S(last.Machine - first.Machine - api - db - me)), inside.Average(x => x.Running), inside.Average(x => x.Disk),
            (last.ReadBytes - first.ReadBytes) / 1048576.0, last.ReadCalls - first.ReadCalls);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
