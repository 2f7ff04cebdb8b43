using System.Globalization;

namespace Squadra.Bench;

/// <summary>
/// One point of <c>bench channel</c>: the same connections spread over a number of teams, each team's connections all
/// on one replica (team t on replica t mod N), posts round-robin over the teams. What each replica decoded
/// (<c>squadra_fanout_received_total</c>) and the CPU it used tell the announcement channel's cost per replica: with
/// the <c>postgres</c> channel every replica decodes every announcement; with <c>nats</c> only its teams'.
/// </summary>
internal sealed record ChannelRow(string Channel, int Replicas, PointResult Point, IReadOnlyDictionary<string, double> ReceivedPerSecond)
{
    public double DecodedShare(string replica) =>
        Point.AchievedRate <= 0 || !ReceivedPerSecond.TryGetValue(replica, out var received) ? double.NaN : received / Point.AchievedRate;
}

/// <summary>Issue 23 item 4: the announcement channel's cost per replica as the teams grow, for the stack's channel and replica count.</summary>
internal static class ChannelLoad
{
    private const string ReceivedMetric = "squadra_fanout_received_total";

    public static async Task<List<ChannelRow>> RunAsync(BenchContext context, string channel, int members, IReadOnlyList<int> teamCounts, int rate, int seconds, CancellationToken ct)
    {
        var runner = new FanoutRunner(context);
        var target = context.Both with { Name = context.Both.Name + ", teams pinned", PinTeams = true };
        var rows = new List<ChannelRow>();
        foreach (var teams in teamCounts)
        {
            var layout = LayoutFor(members, teams, context.Population!.UsersPerTeam);
            Console.WriteLine($"channel ({channel}): {layout.Members} connections in {layout.Teams} teams, each team on one of {target.Urls.Count} replicas; {rate} posts/s");
            await runner.PrepareAsync(target, layout, ct);
            var before = await ReceivedAsync(context, ct);
            var point = await runner.RunPointAsync($"channel {channel}: {teams} teams", target, layout, rate, seconds, ct);
            var after = await ReceivedAsync(context, ct);
            var perSecond = after.ToDictionary(p => p.Key, p => (p.Value - before.GetValueOrDefault(p.Key)) / point.Window.Seconds);
            var row = new ChannelRow(channel, target.Urls.Count, point, perSecond);
            rows.Add(row);
            Console.WriteLine(Report.ChannelLine(row, [.. context.Stack.ApiNames]));
        }
        await context.Fleet.CloseAllAsync(ct);
        return rows;
    }

    /// <summary>The same number of connections whatever the teams: up to the population's users a team, as many connections each as it takes.</summary>
    public static FanoutLayout LayoutFor(int members, int teams, int usersPerTeam)
    {
        var users = Math.Clamp(members / teams, 1, usersPerTeam);
        return new FanoutLayout(teams, users, Math.Max(1, members / (teams * users)));
    }

    // Each replica's count of announcements it decoded, from its own /metrics (the operations endpoints answer on the replicas' ports).
    private static async Task<Dictionary<string, double>> ReceivedAsync(BenchContext context, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var counts = new Dictionary<string, double>();
        for (var i = 0; i < context.Options.Api.Count; i++)
        {
            var text = await http.GetStringAsync(new Uri(context.Options.Api[i], "/metrics"), ct);
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(ReceivedMetric + " ", StringComparison.Ordinal));
            counts[$"api-{i + 1}"] = line is null ? 0 : double.Parse(line[(ReceivedMetric.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return counts;
    }
}
