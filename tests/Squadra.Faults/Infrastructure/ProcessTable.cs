using System.Globalization;

namespace Squadra.Faults.Infrastructure;

/// <summary>One line of /proc/&lt;pid&gt;/stat: enough to find a node's processes and what CPU they use.</summary>
public sealed record ProcessInfo(int Pid, string Name, char State, int ParentPid, int ProcessGroup, long CpuTicks);

/// <summary>The machine's processes, read from /proc.</summary>
public static class ProcessTable
{
    /// <summary>Clock ticks per second of utime/stime in /proc (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100;

    public static IReadOnlyList<ProcessInfo> Snapshot()
    {
        var processes = new List<ProcessInfo>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } info)
            {
                processes.Add(info);
            }
        }
        return processes;
    }

    public static ProcessInfo? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // "pid (comm) S ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ..."; comm may hold spaces.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return new ProcessInfo(
            pid,
            stat[(open + 1)..close],
            fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    public static bool IsAlive(int pid) => Read(pid) is { State: not 'Z' and not 'X' };

    /// <summary>Every process of <paramref name="processGroup"/> and every descendant of <paramref name="roots"/>.</summary>
    public static IReadOnlyList<int> GroupAndDescendants(int? processGroup, params int[] roots)
    {
        var all = Snapshot();
        var chosen = new HashSet<int>(all.Where(p => processGroup is { } group && p.ProcessGroup == group).Select(p => p.Pid));
        chosen.UnionWith(roots.Where(IsAlive));
        bool grew;
        do
        {
            grew = false;
            foreach (var process in all)
            {
                if (chosen.Contains(process.ParentPid) && chosen.Add(process.Pid))
                {
                    grew = true;
                }
            }
        } while (grew);
        return [.. chosen.Order()];
    }

    /// <summary>The CPU a set of processes used over <paramref name="window"/>, as a fraction of one core.</summary>
    public static async Task<double> CpuShareAsync(IReadOnlyCollection<int> pids, TimeSpan window)
    {
        long Ticks() => pids.Sum(pid => Read(pid)?.CpuTicks ?? 0);
        var before = Ticks();
        await Task.Delay(window);
        return (Ticks() - before) / TicksPerSecond / window.TotalSeconds;
    }
}
