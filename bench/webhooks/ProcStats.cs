using System.Globalization;

namespace CrmApi.Bench.Webhooks;

/// <summary>CPU time and memory of processes, from /proc (Linux).</summary>
internal static class ProcStats
{
    /// <summary>
    /// utime + stime (+ cutime + cstime with <paramref name="reaped"/>: children it has waited for) in clock ticks; 0 if the
    /// process is gone.
    /// </summary>
    public static long CpuTicks(int pid, bool reaped = false)
    {
        var fields = Fields(pid);
        if (fields is null) return 0;
        // After "pid (comm) ": state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14].
        var t = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (reaped) t += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return t;
    }

    /// <summary>The processes whose parent is <paramref name="parent"/> (a PostgreSQL cluster's backends and workers).</summary>
    public static int[] Children(int parent)
    {
        var ppid = parent.ToString(CultureInfo.InvariantCulture);
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Fields(pid) is { } fields && fields[1] == ppid) children.Add(pid);
        }
        return [.. children];
    }

    /// <summary>Busy clock ticks of the whole machine (every CPU): user, nice, system, irq, softirq and steal from /proc/stat.</summary>
    public static long MachineBusyTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long F(int i) => long.Parse(cpu[i], CultureInfo.InvariantCulture);
        return F(1) + F(2) + F(3) + F(6) + F(7) + F(8);
    }

    /// <summary>How many of a process's threads are running or runnable (R) and in uninterruptible sleep (D: disk) now.</summary>
    public static (int Running, int Disk) ThreadStates(int pid)
    {
        int running = 0, disk = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var state = stat[stat.LastIndexOf(')') + 2];
                    if (state == 'R') running++;
                    else if (state == 'D') disk++;
                }
                catch (IOException)
                {
                }
            }
        }
        catch (IOException)
        {
        }
        return (running, disk);
    }

    /// <summary>Bytes read and read calls (files and sockets alike) of a process, from /proc/pid/io; zeros if it is gone.</summary>
    public static (long Bytes, long Calls) Reads(int pid)
    {
        long bytes = 0, calls = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/io"))
            {
                if (line.StartsWith("rchar:", StringComparison.Ordinal)) bytes = long.Parse(line[6..].Trim(), CultureInfo.InvariantCulture);
                else if (line.StartsWith("syscr:", StringComparison.Ordinal)) calls = long.Parse(line[6..].Trim(), CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return (bytes, calls);
    }

    /// <summary>A field of /proc/pid/status in MB (VmRSS, VmHWM), or 0.</summary>
    public static double MemoryMb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
                var kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
