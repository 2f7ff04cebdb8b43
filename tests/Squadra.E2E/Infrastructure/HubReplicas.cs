using System.Text.RegularExpressions;

namespace Squadra.E2E.Infrastructure;

/// <summary>Which replica a hub connection is on, asked of the replicas themselves.</summary>
public static partial class HubReplicas
{
    /// <summary>The replica whose /metrics counts an open hub connection; with one connection open in the stack, its replica.</summary>
    public static async Task<string> HoldingTheOnlyConnectionAsync(RunningStack stack)
    {
        foreach (var (name, port) in new[] { ("api-1", RunningStack.Api1Port), ("api-2", RunningStack.Api2Port) })
        {
            using var direct = stack.Client(port);
            var metrics = await direct.GetStringAsync("/metrics");
            if (HubConnections().Match(metrics) is { Success: true } match && match.Groups[1].Value != "0")
            {
                return name;
            }
        }
        throw new InvalidOperationException("No replica reports the hub connection.");
    }

    /// <summary>Each replica's count of open hub connections, as its /metrics says.</summary>
    public static async Task<Dictionary<string, long>> ConnectionCountsAsync(RunningStack stack)
    {
        var counts = new Dictionary<string, long>();
        foreach (var (name, port) in new[] { ("api-1", RunningStack.Api1Port), ("api-2", RunningStack.Api2Port) })
        {
            using var direct = stack.Client(port);
            var metrics = await direct.GetStringAsync("/metrics");
            counts[name] = HubConnections().Match(metrics) is { Success: true } match ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        return counts;
    }

    /// <summary>The replica that holds one hub connection more than <paramref name="before"/>: where the one opened since is.</summary>
    public static async Task<string> HoldingTheNewConnectionAsync(RunningStack stack, IReadOnlyDictionary<string, long> before)
    {
        var now = await ConnectionCountsAsync(stack);
        var grown = now.Where(count => count.Value == before.GetValueOrDefault(count.Key) + 1).Select(count => count.Key).ToList();
        return grown.Count == 1
            ? grown[0]
            : throw new InvalidOperationException($"No single replica holds the new hub connection: before {string.Join(", ", before)}, now {string.Join(", ", now)}.");
    }

    [GeneratedRegex(@"^squadra_hub_connections (\d+)", RegexOptions.Multiline)]
    private static partial Regex HubConnections();
}
