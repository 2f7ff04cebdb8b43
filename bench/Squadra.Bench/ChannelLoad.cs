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
        var rows = new List<ChannelRow>();
        foreach (var teams in teamCounts)
        {
            var layout = LayoutFor(members, teams, context.Population!.UsersPerTeam);
            Console.WriteLine($"channel ({channel}): {layout.Members} connections in {layout.Teams} teams, each team on one of {context.Options.Api.Count} replicas; {rate} posts/s");
            await runner.PrepareAsync(Pinned(context), layout, ct);
            await WarmUpAsync(context, runner, channel, layout, rate, seconds, ct);
            rows.Add(await MeasureAsync(context, runner, channel, $"{teams} teams", layout, rate, seconds, ct));
        }
        await context.Fleet.CloseAllAsync(ct);
        return rows;
    }

    /// <summary>
    /// Deliveries a second at saturation through this channel: the same pinned layout at each rate of
    /// <paramref name="ramp"/> until the delivered rate stops growing (<see cref="Scenarios.Saturated"/>).
    /// </summary>
    public static async Task<List<ChannelRow>> SaturateAsync(BenchContext context, string channel, FanoutLayout layout, IReadOnlyList<int> ramp, int seconds, CancellationToken ct)
    {
        var runner = new FanoutRunner(context);
        Console.WriteLine($"channel ({channel}) ramp: {layout.Members} connections in {layout.Teams} teams, each team on one of {context.Options.Api.Count} replicas");
        await runner.PrepareAsync(Pinned(context), layout, ct);
        await WarmUpAsync(context, runner, channel, layout, ramp[0], seconds, ct);
        var rows = new List<ChannelRow>();
        double best = 0;
        foreach (var rate in ramp)
        {
            var row = await MeasureAsync(context, runner, channel, $"ramp {layout.Teams} teams", layout, rate, seconds, ct);
            rows.Add(row);
            var saturated = Scenarios.Saturated(row.Point, best);
            best = Math.Max(best, row.Point.DeliveredPerSec);
            if (saturated)
            {
                break;
            }
            await Task.Delay(1000, ct);
        }
        await context.Fleet.CloseAllAsync(ct);
        return rows;
    }

    // Not recorded: the first seconds after a thousand clients connect (a p99 of 1.5-3.8 s at 1,000 teams in a 10 s window,
    // 52 ms over 30 s; 1.5-2.9 s at the ramp's first rate, then 40-190 ms at twice the rate) would measure the connecting,
    // not the channel, and end a ramp by its latency rule before it began.
    private static Task<PointResult> WarmUpAsync(BenchContext context, FanoutRunner runner, string channel, FanoutLayout layout, int rate, int seconds, CancellationToken ct) =>
        runner.RunPointAsync($"channel {channel}: warm-up", Pinned(context), layout, rate, Math.Min(seconds, 5), ct);

    // Team t's connections all on replica t mod N: with the nats channel a replica then hears only its own teams.
    private static FanoutTarget Pinned(BenchContext context) => context.Both with { Name = context.Both.Name + ", teams pinned", PinTeams = true };

    private static async Task<ChannelRow> MeasureAsync(BenchContext context, FanoutRunner runner, string channel, string name, FanoutLayout layout, int rate, int seconds, CancellationToken ct)
    {
        var before = await ReceivedAsync(context, ct);
        var point = await runner.RunPointAsync($"channel {channel}: {name}", Pinned(context), layout, rate, seconds, ct);
        var after = await ReceivedAsync(context, ct);
        var perSecond = after.ToDictionary(p => p.Key, p => (p.Value - before.GetValueOrDefault(p.Key)) / point.Window.Seconds);
        var row = new ChannelRow(channel, context.Options.Api.Count, point, perSecond);
        Console.WriteLine(Report.ChannelLine(row, [.. context.Stack.ApiNames]));
        return row;
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
