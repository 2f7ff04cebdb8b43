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

    [GeneratedRegex(@"^squadra_hub_connections (\d+)", RegexOptions.Multiline)]
    private static partial Regex HubConnections();
}
