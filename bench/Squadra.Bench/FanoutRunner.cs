using System.Diagnostics;
using System.Net;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Realtime;

namespace Squadra.Bench;

/// <summary>Where the fan-out load goes: Squadra's replicas (both, or the first only), or the bare hub.</summary>
internal sealed record FanoutTarget(string Name, IReadOnlyList<Uri> Urls, bool Bare)
{
    /// <summary>Every connection of team t on replica t mod N (bench channel), instead of spread connection by connection.</summary>
    public bool PinTeams { get; init; }

    public Uri Url(int index) => Urls[index % Urls.Count];
}

/// <summary><see cref="Teams"/> teams of <see cref="UsersPerTeam"/> users, each user holding <see cref="ConnectionsPerUser"/> hub connections.</summary>
internal sealed record FanoutLayout(int Teams, int UsersPerTeam, int ConnectionsPerUser)
{
    public int GroupSize => UsersPerTeam * ConnectionsPerUser;

    public int Members => Teams * GroupSize;
}

internal sealed record PgDelta(double TransactionsPerMessage, double TuplesReadPerMessage, double TuplesWrittenPerMessage);

/// <summary>One measured point of a fan-out-like run.</summary>
internal sealed record PointResult(
    string Series, string Target, int Members, int Teams, int GroupSize, int TargetRate,
    long Sent, long PostErrors, double AchievedRate, double PostP50, double PostP99,
    long Expected, long Delivered, double DeliveredPerSec,
    double P50, double P95, double P99, double Max, ProcWindow Window, PgDelta? Pg, long Stray, long Disconnects, SignalCounts? Signals = null)
{
    public double Completeness => Expected == 0 ? double.NaN : 100.0 * Delivered / Expected;

    /// <summary>CPU-ms of the serving processes (replicas, or the bare hub) per message sent.</summary>
    public double ServerCpuMsPerMessage(IEnumerable<string> servers) =>
        Sent == 0 ? double.NaN : servers.Sum(Window.CpuSeconds) * 1000.0 / Sent;

    public double ServerCpuMicrosPerDelivery(IEnumerable<string> servers) =>
        Delivered == 0 ? double.NaN : servers.Sum(Window.CpuSeconds) * 1_000_000.0 / Delivered;
}

/// <summary>
/// Opens the members' connections and sends at a fixed rate (open loop, at most <see cref="MaxInFlight"/> posts in
/// flight) through the REST API, round-robin over the teams and the replicas; measures what arrives.
/// </summary>
internal sealed class FanoutRunner(BenchContext context)
{
    public const int MaxInFlight = 256;
    private const int BodyLength = 100;
    private static readonly TimeSpan PacingTick = TimeSpan.FromMilliseconds(4);
    private static int s_phase;

    public IReadOnlyList<ClientSpec> Specs(FanoutTarget target, FanoutLayout layout)
    {
        var specs = new List<ClientSpec>(layout.Members);
        var index = 0;
        for (var t = 0; t < layout.Teams; t++)
        {
            for (var u = 0; u < layout.UsersPerTeam; u++)
            {
                for (var c = 0; c < layout.ConnectionsPerUser; c++, index++)
                {
                    var url = target.Url(target.PinTeams ? t : index);
                    if (target.Bare)
                    {
                        specs.Add(new ClientSpec($"{target.Name}|{t}|{u}|{c}", new Uri(url, $"{RealtimeMethods.HubPath}?team=t{t}"), null, $"t{t}"));
                    }
                    else
                    {
                        var team = context.Population!.Teams[t];
                        specs.Add(new ClientSpec($"{target.Name}|{t}|{u}|{c}|{url.Port}", new Uri(url, RealtimeMethods.HubPath), team.Users[u].Token, team.Id, team.Users[u].Id));
                    }
                }
            }
        }
        return specs;
    }

    /// <summary>Makes the fleet exactly <paramref name="layout"/> on <paramref name="target"/>; returns the seconds connecting took.</summary>
    public async Task<double> PrepareAsync(FanoutTarget target, FanoutLayout layout, CancellationToken ct)
    {
        if (!target.Bare)
        {
            await context.Population!.EnsureTeamsAsync(layout.Teams, ct);
        }
        var seconds = await context.Fleet.ReconcileAsync(Specs(target, layout), 48, ct);
        if (context.Fleet.Count < layout.Members * 0.99)
        {
            throw new BenchException($"only {context.Fleet.Count} of {layout.Members} hub connections opened on {target.Name}");
        }
        return seconds;
    }

    /// <summary>
    /// One point: <paramref name="rate"/> writes a second for <paramref name="seconds"/>. Team messages only, or with
    /// <paramref name="mixed"/> the mixed workload (<see cref="MixedSends"/>: team messages, replies, DMs, reactions);
    /// with <paramref name="signals"/>, typing and presence toggles on top, for the same window (<see cref="SignalLoad"/>).
    /// </summary>
    public async Task<PointResult> RunPointAsync(
        string series, FanoutTarget target, FanoutLayout layout, int rate, int seconds, CancellationToken ct,
        IReadOnlyList<MixedTeam>? mixed = null, SignalLoad? signals = null)
    {
        var phase = new Phase(Interlocked.Increment(ref s_phase));
        context.Fleet.Phase = phase;
        var groupSizes = context.Fleet.GroupSizes();
        var teams = Enumerable.Range(0, layout.Teams).Select(t => target.Bare
            ? (Id: $"t{t}", Token: (string?)null)
            : (Id: context.Population!.Teams[t].Id, Token: (string?)context.Population.Teams[t].Users[0].Token)).ToArray();
        var disconnectsBefore = context.Fleet.Disconnects;

        var pgBefore = await context.Stack.PgStatsAsync(ct);
        var before = await context.Proc.SampleAsync();
        var posts = new LatencyHistogram();
        long sent = 0, errors = 0, expected = 0;
        var inFlight = 0;
        var tasks = new List<Task>(rate * seconds + 16);

        async Task SendAsync(long k)
        {
            // Each team's owner writes in it (and in its DM); the mixed workload's teams are the layout's, in order.
            var (teamId, token) = teams[k % teams.Length];
            var started = Stopwatch.GetTimestamp();
            var body = HubFleet.Body(phase.Id, started, BodyLength);
            var (method, path, request, deliveries) = mixed is null
                ? (HttpMethod.Post, $"/api/teams/{teamId}/messages", new PostMessageRequest(body), groupSizes.GetValueOrDefault(teamId))
                : MixedSends.Request(k / teams.Length, mixed[(int)(k % teams.Length)], body, groupSizes.GetValueOrDefault(teamId));
            try
            {
                var status = await context.Client.RawAsync(0, method, path, token, request,
                    idempotencyKey: !target.Bare && method == HttpMethod.Post, ct, target.Url((int)(k % int.MaxValue)));
                posts.RecordSince(started);
                if (status == (method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK))
                {
                    Interlocked.Add(ref expected, deliveries);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        var window = TimeSpan.FromSeconds(seconds);
        var signalling = signals?.RunAsync(window, ct) ?? Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window)
        {
            var due = 1 + (long)(rate * clock.Elapsed.TotalSeconds);
            while (sent < due && Volatile.Read(ref inFlight) < MaxInFlight)
            {
                Interlocked.Increment(ref inFlight);
                tasks.Add(SendAsync(sent++));
            }
            // Latency is timed from each post's own start, so a coarser tick only bunches the sends a little.
            await Task.Delay(PacingTick, ct);
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var after = await context.Proc.SampleAsync();
        var deliveredInWindow = Interlocked.Read(ref phase.Delivered);
        await signalling; // ends with the window, once its presence users have disconnected

        // Every post answered (bounded), then deliveries drained (bounded): what is still missing is lost.
        await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(TimeSpan.FromSeconds(35), ct));
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref phase.Delivered) < Interlocked.Read(ref expected) && drain.Elapsed < TimeSpan.FromSeconds(8))
        {
            await Task.Delay(50, ct);
        }
        PgDelta? pg = null;
        if (pgBefore is not null)
        {
            await Task.Delay(1500, ct); // backends flush their statistics at most once a second
            var pgAfter = await context.Stack.PgStatsAsync(ct);
            if (pgAfter is not null && sent > 0)
            {
                pg = new PgDelta(
                    (pgAfter.Transactions - pgBefore.Transactions) / (double)sent,
                    (pgAfter.TuplesFetched - pgBefore.TuplesFetched) / (double)sent,
                    (pgAfter.TuplesWritten - pgBefore.TuplesWritten) / (double)sent);
            }
        }
        var lat = phase.Latency;
        var result = new PointResult(series, target.Name, context.Fleet.Count, layout.Teams, layout.GroupSize, rate,
            sent, Interlocked.Read(ref errors), sent / sendSeconds, posts.PercentileMs(50), posts.PercentileMs(99),
            Interlocked.Read(ref expected), Interlocked.Read(ref phase.Delivered), deliveredInWindow / sendSeconds,
            lat.PercentileMs(50), lat.PercentileMs(95), lat.PercentileMs(99), lat.MaxMs, ProcStats.Between(before, after), pg,
            Interlocked.Read(ref phase.Stray), context.Fleet.Disconnects - disconnectsBefore, signals?.Counts(phase));
        Report.PrintPoint(result, context.ServerNames(target));
        return result;
    }
}
