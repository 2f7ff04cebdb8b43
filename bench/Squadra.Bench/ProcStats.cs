using System.Globalization;

namespace Squadra.Bench;

/// <summary>One named group of processes whose CPU time and RSS are read from /proc.</summary>
internal sealed record ProcGroup(string Name, Func<IReadOnlyList<int>> Pids);

/// <summary>CPU ticks (utime+stime) and RSS of each group, and the machine's busy ticks, at one instant.</summary>
internal sealed record ProcSample(long Timestamp, IReadOnlyDictionary<string, Dictionary<int, long>> Ticks, IReadOnlyDictionary<string, long> RssBytes, long MachineBusyTicks, long MachineTotalTicks);

/// <summary>Per-group CPU (% of one core) and RSS over a window, plus what the rest of the machine used.</summary>
internal sealed record ProcWindow(double Seconds, IReadOnlyDictionary<string, double> CpuPercent, IReadOnlyDictionary<string, long> RssBytes, double MachineBusyPercent, double OtherPercent)
{
    public double Cpu(string name) => CpuPercent.TryGetValue(name, out var v) ? v : double.NaN;

    public double CpuSeconds(string name) => Cpu(name) / 100.0 * Seconds;

    public long Rss(string name) => RssBytes.TryGetValue(name, out var v) ? v : 0;
}

/// <summary>
/// Reads /proc/&lt;pid&gt;/stat and /status (Linux). USER_HZ is 100 on every Linux x86-64 and arm64 kernel.
/// Percentages are of one core: 200 % is the whole 2-core machine.
/// </summary>
internal sealed class ProcStats(IReadOnlyList<ProcGroup> groups)
{
    private const double TicksPerSecond = 100.0;

    public IReadOnlyList<ProcGroup> Groups => groups;

    public static bool Available => File.Exists("/proc/stat");

    public async Task<ProcSample> SampleAsync()
    {
        var ticks = new Dictionary<string, Dictionary<int, long>>();
        var rss = new Dictionary<string, long>();
        foreach (var group in groups)
        {
            var perPid = new Dictionary<int, long>();
            long r = 0;
            foreach (var pid in group.Pids())
            {
                var (cpu, mem) = await ReadProcessAsync(pid);
                perPid[pid] = cpu;
                r += mem;
            }
            ticks[group.Name] = perPid;
            rss[group.Name] = r;
        }
        var (busy, total) = await ReadMachineAsync();
        return new ProcSample(System.Diagnostics.Stopwatch.GetTimestamp(), ticks, rss, busy, total);
    }

    public static ProcWindow Between(ProcSample start, ProcSample end)
    {
        var seconds = LatencyHistogram.TicksToMs(end.Timestamp - start.Timestamp) / 1000.0;
        var cpu = new Dictionary<string, double>();
        double ours = 0;
        foreach (var (name, endTicks) in end.Ticks)
        {
            // Per process: one that exited during the window is lost, one that started counts whole (a backend, a child).
            var startTicks = start.Ticks.GetValueOrDefault(name) ?? [];
            var used = endTicks.Sum(p => Math.Max(0, p.Value - startTicks.GetValueOrDefault(p.Key)));
            cpu[name] = seconds > 0 ? used / TicksPerSecond / seconds * 100.0 : double.NaN;
            ours += cpu[name];
        }
        var totalTicks = end.MachineTotalTicks - start.MachineTotalTicks;
        var machine = totalTicks > 0 ? 100.0 * Environment.ProcessorCount * (end.MachineBusyTicks - start.MachineBusyTicks) / totalTicks : double.NaN;
        return new ProcWindow(seconds, cpu, end.RssBytes, machine, Math.Max(0, machine - ours));
    }

    /// <summary>The 1-minute load average and the number of cores, for the report's header.</summary>
    public static async Task<string> LoadAverageAsync()
    {
        try
        {
            var text = await File.ReadAllTextAsync("/proc/loadavg");
            return string.Join(' ', text.Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static async Task<(long Ticks, long Rss)> ReadProcessAsync(int pid)
    {
        try
        {
            var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rss = 0;
            foreach (var line in await File.ReadAllLinesAsync($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                    break;
                }
            }
            return (ticks, rss);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (0, 0); // exited meanwhile
        }
    }

    private static async Task<(long Busy, long Total)> ReadMachineAsync()
    {
        var first = (await File.ReadAllLinesAsync("/proc/stat"))[0];
        var values = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        var idle = values[3] + values[4];
        return (total - idle, total);
    }

    /// <summary>Every process whose parent is <paramref name="parentPid"/>, and it (PostgreSQL's backends under its postmaster).</summary>
    public static IReadOnlyList<int> WithChildren(int parentPid)
    {
        var pids = new List<int> { parentPid };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parentPid)
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // gone
            }
        }
        return pids;
    }

    /// <summary>The pid listening on a TCP port of this machine (found through /proc/net/tcp and the fds), or null.</summary>
    public static int? ListenerOf(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        string? inode = null;
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[3] == "0A" && f[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
                {
                    inode = f[9];
                    break;
                }
            }
            if (inode is not null)
            {
                break;
            }
        }
        if (inode is null)
        {
            return null;
        }
        var target = $"socket:[{inode}]";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget == target)
                    {
                        return pid;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // not ours to read, or gone
            }
        }
        return null;
    }
}
