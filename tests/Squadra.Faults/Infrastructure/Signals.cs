using System.Globalization;
using Squadra.Testing;

namespace Squadra.Faults.Infrastructure;

/// <summary>kill(1) for sets of processes. Frozen processes are remembered, so a failing test never leaves them stopped.</summary>
public static class Signals
{
    private static readonly HashSet<int> s_frozen = [];

    public static Task KillAsync(IEnumerable<int> pids) => SendAsync("KILL", [.. pids]);

    public static async Task FreezeAsync(IEnumerable<int> pids)
    {
        var list = pids.ToList();
        lock (s_frozen)
        {
            s_frozen.UnionWith(list);
        }
        await SendAsync("STOP", list);
    }

    public static async Task ThawAsync(IEnumerable<int> pids)
    {
        var list = pids.ToList();
        await SendAsync("CONT", list);
        lock (s_frozen)
        {
            s_frozen.ExceptWith(list);
        }
    }

    public static async Task ThawAllAsync()
    {
        int[] frozen;
        lock (s_frozen)
        {
            frozen = [.. s_frozen];
        }
        await ThawAsync(frozen);
    }

    /// <summary>One kill(1) for every pid, so that they are signalled together. Processes already gone are no error.</summary>
    private static async Task SendAsync(string signal, List<int> pids)
    {
        if (pids.Count == 0)
        {
            return;
        }
        await ProcessRunner.RunAsync("kill", ["-s", signal, .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
    }
}
