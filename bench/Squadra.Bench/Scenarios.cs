using System.Diagnostics;
using System.Net;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;

namespace Squadra.Bench;

internal sealed record MemoryRow(string Target, int Members, IReadOnlyDictionary<string, long> RssBytes, double ConnectSeconds, double KbPerConnectionVsBaseline, double KbPerConnectionVsPrevious);

internal sealed record RestRow(string Operation, string Target, int Concurrency, long Requests, long Errors, double Rps, double P50, double P99, ProcWindow Window)
{
    /// <summary>CPU time per request: steadier than req/s on a machine shared with other work.</summary>
    public double ApiCpuMsPerRequest(IEnumerable<string> apis) => Requests == 0 ? double.NaN : apis.Sum(Window.CpuSeconds) * 1000 / Requests;

    public double PgCpuMsPerRequest => Requests == 0 ? double.NaN : Window.CpuSeconds("pg") * 1000 / Requests;
}

/// <summary>Everything one run measured, for the report.</summary>
internal sealed class RunResults
{
    public List<PointResult> Fanout { get; } = [];
    public List<MemoryRow> Memory { get; } = [];
    public IReadOnlyDictionary<string, long> BaselineRss { get; set; } = new Dictionary<string, long>();
    public List<PointResult> Ceilings { get; } = [];
    public List<RestRow> Rest { get; } = [];
    public List<PgBenchResult> PgBench { get; } = [];
    public List<PointResult> Growth { get; } = [];
    public List<string> Notes { get; } = [];
    public List<double> OtherLoad { get; } = [];
}

/// <summary>The scenarios of issue 8: (a) fan-out, (b) REST, (c) growth, and the same-run ceilings.</summary>
internal static class Scenarios
{
    public const string BareSeries = "ceiling: bare hub";
    public const string BothSeries = "ramp: squadra, 2 replicas";
    public const string SingleSeries = "ramp: squadra, 1 replica";

    /// <summary>"2 replicas", "3 replicas"...: what a row measured through every replica of --api is labelled (the report's targets are those of the default two).</summary>
    public static string AllReplicas(int count) => count == 1 ? "1 replica" : $"{count} replicas";

    /// <summary>(a) N members connected (teams of --group connections) x send rates.</summary>
    public static async Task FanoutAsync(BenchContext context, RunResults results, IReadOnlyList<int> members, IReadOnlyList<int> rates, int group, CancellationToken ct)
    {
        var runner = new FanoutRunner(context);
        var usersPerTeam = context.Population!.UsersPerTeam;
        var perUser = Math.Max(1, group / usersPerTeam);
        await context.Fleet.CloseAllAsync(ct);
        await Task.Delay(2000, ct);
        results.BaselineRss = (await context.Proc.SampleAsync()).RssBytes;
        var previous = (Members: 0, Rss: results.BaselineRss);
        var layouts = members.Order().Select(n => new FanoutLayout(Math.Max(1, n / (usersPerTeam * perUser)), usersPerTeam, perUser)).ToList();
        // First the memory of idle connections, level by level, before any message has been sent (load grows the heaps).
        foreach (var layout in layouts)
        {
            Console.WriteLine($"fan-out: {layout.Members} idle members ({layout.Teams} teams x {layout.GroupSize} connections; {perUser} per user) on every replica");
            var connectSeconds = await runner.PrepareAsync(context.Both, layout, ct);
            await Task.Delay(3000, ct); // idle: let connection set-up garbage settle before reading RSS
            var rss = (await context.Proc.SampleAsync()).RssBytes;
            results.Memory.Add(new MemoryRow(context.Both.Name, context.Fleet.Count, rss, connectSeconds,
                KbPerConnection(rss, results.BaselineRss, context.Stack.ApiNames, context.Fleet.Count),
                KbPerConnection(rss, previous.Rss, context.Stack.ApiNames, context.Fleet.Count - previous.Members)));
            previous = (context.Fleet.Count, rss);
        }
        foreach (var layout in layouts)
        {
            Console.WriteLine($"fan-out: {layout.Members} members ({layout.Teams} teams x {layout.GroupSize} connections) on every replica");
            await runner.PrepareAsync(context.Both, layout, ct);
            var mixed = context.Options.Mixed ? await MixedSends.PrepareAsync(context, layout, ct) : null;
            var signals = context.Options.Signals ? await SignalLoad.PrepareAsync(context, context.Both, layout, ct) : null;
            var series = context.Options.Label ?? $"{(mixed is null ? "fan-out" : "mixed")} {layout.Members} members{(signals is null ? "" : " + signals")}";
            foreach (var rate in rates)
            {
                results.Fanout.Add(await runner.RunPointAsync(series, context.Both, layout, rate, context.Options.Duration, ct, mixed, signals));
                await RatePoints.AppendAsync(context.Options.Points, results.Fanout[^1], context.Stack.ApiNames, ct);
                results.OtherLoad.Add(results.Fanout[^1].Window.OtherPercent);
            }
        }
    }

    private static double KbPerConnection(IReadOnlyDictionary<string, long> now, IReadOnlyDictionary<string, long> then, IEnumerable<string> servers, int connections) =>
        connections <= 0 ? double.NaN : servers.Sum(s => now.GetValueOrDefault(s) - then.GetValueOrDefault(s)) / 1024.0 / connections;

    /// <summary>
    /// The ceilings: the bare hub's rate ramp (its saturation point), then the same ramp on Squadra with both replicas and
    /// with one; each ramp stops once the delivered rate stops growing or latency runs away.
    /// </summary>
    public static async Task CeilingsAsync(BenchContext context, RunResults results, int members, int group, IReadOnlyList<int> ramp, int barePort, CancellationToken ct)
    {
        var runner = new FanoutRunner(context);
        var usersPerTeam = context.Population!.UsersPerTeam;
        var perUser = Math.Max(1, group / usersPerTeam);
        var layout = new FanoutLayout(Math.Max(1, members / (usersPerTeam * perUser)), usersPerTeam, perUser);

        var bare = await context.StartBareHubAsync(barePort, ct);
        try
        {
            Console.WriteLine($"ceiling: bare hub, {layout.Members} connections in {layout.Teams} groups of {layout.GroupSize}");
            await context.Fleet.CloseAllAsync(ct);
            await runner.PrepareAsync(bare, layout, ct);
            await RampAsync(runner, results, BareSeries, bare, layout, ramp, context.Options.Duration, ct);
        }
        finally
        {
            await context.Fleet.CloseAllAsync(ct);
            await context.StopBareHubAsync();
        }

        foreach (var (series, target) in new[] { ("ramp: " + context.Both.Name, context.Both), (SingleSeries, context.Single) })
        {
            if (target == context.Single && context.Options.Api.Count < 2)
            {
                continue;
            }
            Console.WriteLine($"{series}: {layout.Members} connections in {layout.Teams} teams of {layout.GroupSize}");
            await runner.PrepareAsync(target, layout, ct);
            await RampAsync(runner, results, series, target, layout, ramp, context.Options.Duration, ct);
        }
    }

    private static async Task RampAsync(FanoutRunner runner, RunResults results, string series, FanoutTarget target, FanoutLayout layout, IReadOnlyList<int> ramp, int seconds, CancellationToken ct)
    {
        double best = 0;
        foreach (var rate in ramp)
        {
            var point = await runner.RunPointAsync(series, target, layout, rate, seconds, ct);
            results.Ceilings.Add(point);
            results.OtherLoad.Add(point.Window.OtherPercent);
            var saturated = Saturated(point, best);
            best = Math.Max(best, point.DeliveredPerSec);
            if (saturated)
            {
                break;
            }
            await Task.Delay(1000, ct);
        }
    }

    /// <summary>A ramp's end: the delivered rate stopped growing (under 5 % above the best so far), or latency ran away, or deliveries were lost.</summary>
    public static bool Saturated(PointResult point, double best) =>
        point.DeliveredPerSec < best * 1.05 || point.P99 > 2000 || point.Completeness < 90;

    /// <summary>(c) Cost per message against members per team (total connections fixed) and against connected clients (team size fixed).</summary>
    public static async Task GrowthAsync(BenchContext context, RunResults results, IReadOnlyList<FanoutLayout> perTeam, int perTeamRate, IReadOnlyList<FanoutLayout> perClients, int perClientsRate, CancellationToken ct)
    {
        var runner = new FanoutRunner(context);
        foreach (var (name, layouts, rate) in new[] { ("growth: members per team", perTeam, perTeamRate), ("growth: connected clients", perClients, perClientsRate) })
        {
            foreach (var layout in layouts)
            {
                Console.WriteLine($"{name}: {layout.Teams} teams x {layout.GroupSize} connections = {layout.Members}, {rate} messages/s");
                await runner.PrepareAsync(context.Both, layout, ct);
                await Task.Delay(1000, ct);
                var point = await runner.RunPointAsync(name, context.Both, layout, rate, context.Options.Duration, ct);
                results.Growth.Add(point);
                results.OtherLoad.Add(point.Window.OtherPercent);
            }
        }
        await context.Fleet.CloseAllAsync(ct);
    }

    /// <summary>(b) Each operation at fixed concurrency (closed loop) for the duration; then pgbench -S at the same concurrency.</summary>
    public static async Task RestAsync(BenchContext context, RunResults results, int concurrency, int teams, int pgbenchScale, CancellationToken ct)
    {
        var population = context.Population!;
        await population.EnsureTeamsAsync(teams, ct);
        await context.Fleet.CloseAllAsync(ct);
        await SeedHistoryAsync(population, population.Teams.Take(teams).ToList(), 50, ct);
        var members = population.Teams.Take(teams).SelectMany(t => t.Users.Select(u => (Team: t, User: u))).ToArray();
        var replicas = context.Options.Api.Count;
        var all = AllReplicas(replicas);
        var addresses = Random.Shared.Next(0, 40_000);

        var operations = new List<(string Key, string Name, string Target, Func<long, Task<HttpStatusCode>> Call)>
        {
            ("login", "login", all, k =>
            {
                var (_, user) = members[k % members.Length];
                var address = Interlocked.Increment(ref addresses);
                return LoginStatusAsync(context, (int)(k % replicas), user.Username, population.Password, $"198.19.{address / 250 % 250}.{(address % 250) + 1}", ct);
            }),
            ("teams", "list teams", all, k => context.Client.RawAsync((int)(k % replicas), HttpMethod.Get, "/api/teams", members[k % members.Length].User.Token, null, false, ct)),
            ("history", "history page (50)", all, k =>
            {
                var (team, user) = members[k % members.Length];
                return context.Client.RawAsync((int)(k % replicas), HttpMethod.Get, $"/api/teams/{team.Id}/messages?limit=50", user.Token, null, false, ct);
            }),
            ("history", "history page (50)", "1 replica", k =>
            {
                var (team, user) = members[k % members.Length];
                return context.Client.RawAsync(0, HttpMethod.Get, $"/api/teams/{team.Id}/messages?limit=50", user.Token, null, false, ct);
            }),
            ("post", "post message", all, k =>
            {
                var (team, user) = members[k % members.Length];
                return context.Client.RawAsync((int)(k % replicas), HttpMethod.Post, $"/api/teams/{team.Id}/messages", user.Token,
                    new PostMessageRequest($"rest bench {k}"), idempotencyKey: true, ct);
            }),
        };
        foreach (var (key, name, target, call) in operations)
        {
            if ((target == "1 replica" && replicas < 2) || !context.Options.Ops.Contains(key))
            {
                continue;
            }
            var row = await ClosedLoopAsync(context, name, target, concurrency, context.Options.Duration, call, ct);
            results.Rest.Add(row);
            results.OtherLoad.Add(row.Window.OtherPercent);
            await Task.Delay(1000, ct);
        }

        if (!context.Options.Ops.Contains("pgbench"))
        {
            return;
        }
        if (context.Stack.HasDatabase)
        {
            Console.WriteLine($"ceiling: pgbench -S -c {concurrency} -T {context.Options.Duration} (scratch database, scale {pgbenchScale})");
            foreach (var result in await context.Stack.PgBenchAsync(concurrency, context.Options.Duration, pgbenchScale, ct))
            {
                Console.WriteLine($"  pgbench -S via {result.Via}: {result.Tps:F0} TPS, latency average {result.LatencyMs:F2} ms");
                results.PgBench.Add(result);
            }
        }
        else
        {
            results.Notes.Add("pgbench -S was not run: pass --state <the stack's state dir>.");
        }
    }

    /// <summary>Measured: bench's own login on the wire (<see cref="SquadraClient.LoginAsync"/>), not the shared client's.</summary>
    private static async Task<HttpStatusCode> LoginStatusAsync(BenchContext context, int replica, string username, string password, string address, CancellationToken ct)
    {
        try
        {
            await context.Client.LoginAsync(replica, username, password, address, ct);
            return HttpStatusCode.OK;
        }
        catch (BenchException)
        {
            return HttpStatusCode.InternalServerError;
        }
    }

    /// <summary>Setup, not timed: each team's history filled up to <paramref name="messages"/>, through the shared client.</summary>
    private static async Task SeedHistoryAsync(Population population, IReadOnlyList<BenchTeam> teams, int messages, CancellationToken ct)
    {
        foreach (var team in teams)
        {
            var owner = team.Users[0];
            var page = await population.As(owner, 0).GetNewestMessagesAsync(ChatKey.Team(team.Id), messages, ct).ValueOrThrowAsync();
            for (var i = page.Count; i < messages; i++)
            {
                await population.As(owner, i).PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest($"history seed {i}"), ActionKey.NewKey(), ct).ValueOrThrowAsync();
            }
        }
    }

    private static async Task<RestRow> ClosedLoopAsync(BenchContext context, string name, string target, int concurrency, int seconds, Func<long, Task<HttpStatusCode>> call, CancellationToken ct)
    {
        var latency = new LatencyHistogram();
        long next = 0, errors = 0, done = 0;
        var before = await context.Proc.SampleAsync();
        var clock = Stopwatch.StartNew();
        var window = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < window)
            {
                var k = Interlocked.Increment(ref next);
                var started = Stopwatch.GetTimestamp();
                HttpStatusCode status;
                try
                {
                    status = await call(k);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = HttpStatusCode.ServiceUnavailable;
                }
                latency.RecordSince(started);
                Interlocked.Increment(ref done);
                if ((int)status >= 400)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var after = await context.Proc.SampleAsync();
        var row = new RestRow(name, target, concurrency, done, errors, done / elapsed, latency.PercentileMs(50), latency.PercentileMs(99), ProcStats.Between(before, after));
        Report.PrintRest(row, context.Stack.ApiNames);
        return row;
    }
}
