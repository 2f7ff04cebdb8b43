using System.Net;
using System.Net.Sockets;
using Squadra.Bench;
using Squadra.Client;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (UsageException e)
{
    if (e.Message != "usage")
    {
        Console.Error.WriteLine($"error: {e.Message}");
    }
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Command == "barehub")
{
    return await BareHub.RunAsync(options.Port == 0 ? options.BarePort : options.Port, options.MaxSeconds);
}

// The load generator runs its socket continuations on the epoll thread instead of handing each to the thread pool:
// one wake-up less per message received, which cut its CPU by a quarter at 5,000 deliveries/s on this 2-core
// machine (docs/benchmarks.md). Read when the first socket is made, so it is set before any. The servers under
// test (and the bare hub child) keep the default.
Environment.SetEnvironmentVariable(BareHub.InlineCompletionsVariable, "1");

// Every run is bounded: the whole command is cancelled after this long, whatever it is doing.
var limit = options.Command switch
{
    "smoke" => TimeSpan.FromMinutes(5),
    "all" or "search" => TimeSpan.FromMinutes(90),
    _ => TimeSpan.FromMinutes(45),
};
using var cts = new CancellationTokenSource(limit);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
var command = "bench " + string.Join(' ', args);

try
{
    return options.Command switch
    {
        "smoke" => await Smoke.RunAsync(options, cts.Token),
        "chart" => await RatePoints.ChartAsync(options.Points ?? throw new UsageException("chart needs --points FILE"),
            options.Out ?? Path.Combine(Path.GetTempPath(), "squadra-latency-by-rate.png"), cts.Token),
        "fanout" or "rest" or "growth" or "ceilings" or "all" => await RunAsync(options, command, cts.Token),
        "firstload" => await FirstLoadAsync(options, command, cts.Token),
        "search" => await SearchAsync(options, command, cts.Token),
        "upload" => await UploadAsync(options, command, cts.Token),
        "channel" => await ChannelAsync(options, command, cts.Token),
        "broker" => await BrokerAsync(options, command, cts.Token),
        _ => throw new UsageException($"unknown command '{options.Command}'"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
catch (Exception e) when (e is BenchException or ApiProblemException)
{
    // ApiProblemException: a setup call through Squadra.Client that had to succeed did not.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
    Console.Error.WriteLine($"error: stopped (time limit {limit.TotalMinutes:F0} min, or interrupted)");
    return 1;
}

static async Task<int> RunAsync(BenchOptions options, string command, CancellationToken ct)
{
    await using var context = await BenchContext.CreateAsync(options, ct);
    context.Population = await Population.LoadAsync(context.Client, PopulationCache(options), ct);
    Console.WriteLine($"load average {context.StartLoad}; replicas {string.Join(", ", context.Stack.ApiNames)}; database {(context.Stack.HasDatabase ? $"primary on port {context.Stack.PrimaryPort}" : "not measured (no --state)")}");

    var results = new RunResults();
    var all = options.Command == "all";
    var apis = context.Stack.ApiNames.ToList();
    var sections = new List<(string Name, string Title, string Body)>();
    var header = () => Report.Header(context, results, command);
    var group = options.Group;
    var usersPerTeam = Population.DefaultUsersPerTeam;

    if (all || options.Command == "rest")
    {
        Console.WriteLine($"(b) REST at concurrency {options.Concurrency}");
        await Scenarios.RestAsync(context, results, options.Concurrency, 10, 10, ct);
        sections.Add(("rest", "(b) REST at fixed concurrency", header() + "\n" + Report.RestSection(results, apis)));
    }
    if (all || options.Command == "fanout")
    {
        Console.WriteLine("(a) fan-out");
        await Scenarios.FanoutAsync(context, results, options.Members, options.Rates, group, ct);
        sections.Add(("fanout", "(a) Fan-out", header() + "\n" + Report.FanoutSection(results, apis)));
    }
    if (all || options.Command == "growth")
    {
        Console.WriteLine("(c) growth");
        FanoutLayout[] perTeam = [.. GrowthPlan.TeamSizes.Select(size => new FanoutLayout(GrowthPlan.FixedConnections / size, usersPerTeam, size / usersPerTeam))];
        FanoutLayout[] perClients = [.. GrowthPlan.Connections.Select(n => new FanoutLayout(n / GrowthPlan.FixedTeamSize, usersPerTeam, GrowthPlan.FixedTeamSize / usersPerTeam))];
        await Scenarios.GrowthAsync(context, results, perTeam, GrowthPlan.TeamSizesRate, perClients, GrowthPlan.ConnectionsRate, ct);
        sections.Add(("growth", "(c) Growth: cost per message", header() + "\n" + Report.GrowthSection(results, apis)));
    }
    if (all || options.Command == "ceilings")
    {
        Console.WriteLine("ceilings");
        await Scenarios.CeilingsAsync(context, results, options.RampMembers, group, options.Ramp, options.BarePort, ct);
        sections.Add(("ceilings", "Ceilings in the same run: bare hub, one replica, both", header() + "\n" + Report.CeilingSection(results, apis)));
    }
    if (all)
    {
        sections.Add(("targets", "Targets", header() + "\n" + Report.TargetsSection(results)));
    }
    foreach (var note in results.Notes)
    {
        Console.WriteLine($"note: {note}");
    }

    if (!options.OutDisabled)
    {
        var file = options.Out ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
        var chartPoints = results.Fanout.Concat(results.Ceilings).ToList();
        if (chartPoints.Count > 0)
        {
            var png = Path.Combine(Path.GetDirectoryName(file)!, Report.ChartFile);
            try
            {
                Chart.Write(png, chartPoints);
                sections.Add(("chart", "Latency against load", $"![latency against load]({Report.ChartFile})\n"));
                Console.WriteLine($"chart: {png}");
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException)
            {
                Console.WriteLine($"note: no chart ({e.GetType().Name}: {e.Message})");
            }
        }
        await Report.WriteSectionsAsync(file, sections);
        Console.WriteLine($"report: {file}");
    }
    return 0;
}

// Issue 22 item 7: no population needed, only one new user for the signed-in page.
static async Task<int> FirstLoadAsync(BenchOptions options, string command, CancellationToken ct)
{
    await using var context = await BenchContext.CreateAsync(options, ct);
    Console.WriteLine($"first load through {options.Web}, {options.Runs} run(s) per page; load average {context.StartLoad}");
    var rows = await FirstLoad.RunAsync(options.Web, options.Api[0], options.Runs, FirstLoad.Fast4G, ct);
    foreach (var row in rows)
    {
        Console.WriteLine(row);
    }
    if (!options.OutDisabled)
    {
        var file = options.Out ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
        var header = Report.Header(context, new RunResults(), command);
        await Report.WriteSectionsAsync(file, [("firstload", "First load of the browser app", header + "\n" + Report.FirstLoadSection(rows))]);
        Console.WriteLine($"report: {file}");
    }
    return 0;
}

// Issue 20 item 3: search over a growing corpus while the standard fan-out workload runs.
static async Task<int> SearchAsync(BenchOptions options, string command, CancellationToken ct)
{
    await using var context = await BenchContext.CreateAsync(options, ct);
    if (!context.Stack.HasDatabase)
    {
        throw new BenchException("search writes its corpus into the stack's database: pass --state");
    }
    var cacheDir = Path.Combine(options.State!, "bench");
    context.Population = await Population.LoadAsync(context.Client, cacheDir, ct);
    Console.WriteLine($"load average {context.StartLoad}; replicas {string.Join(", ", context.Stack.ApiNames)}; corpus over {options.CorpusTeams} teams");

    var usersPerTeam = context.Population.UsersPerTeam;
    var perUser = Math.Max(1, options.Group / usersPerTeam);
    var layout = new FanoutLayout(Math.Max(1, options.Members[0] / (usersPerTeam * perUser)), usersPerTeam, perUser);
    var runner = new FanoutRunner(context);
    var points = new List<SearchPoint>();
    var results = new RunResults();
    foreach (var size in options.Corpus.Order())
    {
        Console.WriteLine($"search: corpus of {size:N0} messages");
        await SearchCorpus.EnsureAsync(context.Stack, options.CorpusTeams, size, ct);
        var corpus = await SearchCorpus.CountAsync(context.Stack, ct);
        // New searchers for each size: their memberships are made after the corpus, as a new member's would be.
        var searchers = await SearchLoad.PrepareAsync(context, options.CorpusTeams, ct);
        await runner.PrepareAsync(context.Both, layout, ct);
        await searchers.RunAsync(context, corpus, options.SearchRate, 3, ct); // warm-up, not kept
        var before = await context.Proc.SampleAsync();
        var fanout = runner.RunPointAsync($"fan-out during search, {corpus:N0} messages", context.Both, layout, options.Rates[0], options.Duration, ct);
        var rows = await searchers.RunAsync(context, corpus, options.SearchRate, options.Duration, ct);
        var window = ProcStats.Between(before, await context.Proc.SampleAsync());
        var point = new SearchPoint(corpus, options.CorpusTeams, options.SearchRate, options.Duration, rows, await fanout, window);
        points.Add(point);
        results.OtherLoad.Add(window.OtherPercent);
        foreach (var row in rows)
        {
            Report.PrintSearch(row);
        }
    }
    if (!options.OutDisabled)
    {
        var file = options.Out ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
        var header = Report.Header(context, results, command);
        // One block per --label (alone, beside a light fan-out, beside the standard one), so the runs sit side by side.
        var name = options.Label is null ? "search" : $"search-{options.Label}";
        var title = options.Label is null ? "Search under load" : $"Search under load: {options.Label}";
        await Report.WriteSectionsAsync(file, [(name, title, header + "\n" + Report.SearchSection(points, [.. context.Stack.ApiNames]))]);
        Console.WriteLine($"report: {file}");
    }
    return 0;
}

// Issue 20 item 3: image uploads through the gateway, by size.
static async Task<int> UploadAsync(BenchOptions options, string command, CancellationToken ct)
{
    await using var context = await BenchContext.CreateAsync(options, ct);
    Console.WriteLine($"uploads through {options.Web}, {options.Runs} each; load average {context.StartLoad}");
    var rows = await UploadLoad.RunAsync(context, options.Web, options.Runs, ct);
    if (!options.OutDisabled)
    {
        var file = options.Out ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
        var header = Report.Header(context, new RunResults(), command);
        await Report.WriteSectionsAsync(file, [("upload", "Uploads through the gateway", header + "\n" + Report.UploadSection(rows, [.. context.Stack.ApiNames]))]);
        Console.WriteLine($"report: {file}");
    }
    return rows.Any(r => r.Errors > 0) ? 1 : 0;
}

// Issue 23 item 4: what the announcement channel costs each replica as the teams grow (run once per channel and replica count).
static async Task<int> ChannelAsync(BenchOptions options, string command, CancellationToken ct)
{
    await using var context = await BenchContext.CreateAsync(options, ct);
    context.Population = await Population.LoadAsync(context.Client, PopulationCache(options), ct);
    var channel = options.Label ?? "postgres";
    var members = Math.Max(options.Members[0], options.Teams.Max());
    Console.WriteLine($"channel {channel}: {members} connections, teams {string.Join(", ", options.Teams)}, {options.Rates[0]} posts/s; load average {context.StartLoad}");
    var rows = await ChannelLoad.RunAsync(context, channel, members, options.Teams, options.Rates[0], options.Duration, ct);
    if (options.RampGiven)
    {
        var layout = ChannelLoad.LayoutFor(options.RampMembers, options.Teams[0], context.Population.UsersPerTeam);
        rows.AddRange(await ChannelLoad.SaturateAsync(context, channel, layout, options.Ramp, options.Duration, ct));
    }
    if (!options.OutDisabled)
    {
        var file = options.Out ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
        var header = Report.Header(context, new RunResults(), command);
        await Report.WriteSectionsAsync(file, [($"channel-{channel}-{options.Api.Count}", $"Announcement channel: {channel}, {Scenarios.AllReplicas(options.Api.Count)}",
            header + "\n" + Report.ChannelSection(rows, [.. context.Stack.ApiNames]))]);
        Console.WriteLine($"report: {file}");
    }
    return rows.All(r => r.Point.Completeness >= 100) ? 0 : 1;
}

// Issue 23 item 4: the channels' own ceilings, the primary's NOTIFY against a NATS cluster's publish (run on a stack with nats).
static async Task<int> BrokerAsync(BenchOptions options, string command, CancellationToken ct)
{
    await using var context = await BenchContext.CreateAsync(options, ct);
    Console.WriteLine($"broker: NOTIFY on the primary{(options.Nats.Count > 0 ? ", NATS " + string.Join(',', options.Nats) : "")}; load average {context.StartLoad}");
    var rows = await BrokerCeilings.RunAsync(context, options.Nats, options.Duration, ct);
    if (!options.OutDisabled)
    {
        var file = options.Out ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
        var header = Report.Header(context, new RunResults(), command);
        await Report.WriteSectionsAsync(file, [("broker", "Announcement channels' own ceilings", header + "\n" + Report.BrokerSection(rows))]);
        Console.WriteLine($"report: {file}");
    }
    return rows.Count > 0 ? 0 : 1;
}

// Where the registered users are kept between runs: in the stack's state directory, else one per set of replicas.
static string PopulationCache(BenchOptions options) => options.State is not null
    ? Path.Combine(options.State, "bench")
    : Path.Combine(Path.GetTempPath(), "squadra-bench-" + string.Join('-', options.Api.Select(a => a.Port)));

static string RepositoryRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Squadra.slnx")))
            {
                return dir.FullName;
            }
        }
    }
    return Environment.CurrentDirectory;
}

/// <summary>(c): team sizes at a fixed number of connections, then numbers of connections at a fixed team size.</summary>
internal static class GrowthPlan
{
    public const int FixedConnections = 1000;
    public const int TeamSizesRate = 20;
    public const int FixedTeamSize = 50;
    public const int ConnectionsRate = 50;
    public static readonly int[] TeamSizes = [20, 50, 100, 250, 500, 1000];
    public static readonly int[] Connections = [250, 500, 1000, 2500];
}

/// <summary>CI's smoke run: every scenario at tiny N for a few seconds; any failure makes the exit code 1.</summary>
internal static class Smoke
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var passed = 0;
        var failed = 0;
        var skipped = 0;
        BenchContext? context = null;
        var results = new RunResults();

        async Task CheckAsync(string name, Func<Task<string?>> body)
        {
            if (context is null && name != "stack")
            {
                Console.WriteLine($"  SKIP {name} (no stack)");
                skipped++;
                return;
            }
            try
            {
                var problem = await body();
                if (problem is null)
                {
                    Console.WriteLine($"  PASS {name}");
                    passed++;
                }
                else
                {
                    Console.WriteLine($"  FAIL {name}: {problem}");
                    failed++;
                }
            }
            catch (Exception e) when (e is BenchException or ApiProblemException or HttpRequestException or InvalidOperationException or IOException or TaskCanceledException)
            {
                Console.WriteLine($"  FAIL {name}: {e.GetType().Name}: {e.Message}");
                failed++;
            }
        }

        try
        {
            await CheckAsync("stack", async () =>
            {
                context = await BenchContext.CreateAsync(options, ct);
                context.Population = Population.Fresh(context.Client, 3);
                await context.Population.EnsureTeamsAsync(2, ct);
                return context.Population.Teams.Count == 2 ? null : "the teams were not made";
            });

            await CheckAsync("fanout", async () =>
            {
                var runner = new FanoutRunner(context!);
                var layout = new FanoutLayout(2, 3, 2);
                await runner.PrepareAsync(context!.Both, layout, ct);
                var point = await runner.RunPointAsync("smoke fan-out", context.Both, layout, 20, options.Duration, ct);
                results.Fanout.Add(point);
                return Complete(point);
            });

            await CheckAsync("mixed", async () =>
            {
                var runner = new FanoutRunner(context!);
                var layout = new FanoutLayout(2, 3, 2);
                await runner.PrepareAsync(context!.Both, layout, ct);
                var point = await runner.RunPointAsync("smoke mixed", context.Both, layout, 20, options.Duration, ct, await MixedSends.PrepareAsync(context, layout, ct));
                results.Fanout.Add(point);
                return Complete(point);
            });

            await CheckAsync("signals", async () =>
            {
                var runner = new FanoutRunner(context!);
                var layout = new FanoutLayout(2, 3, 2);
                await runner.PrepareAsync(context!.Both, layout, ct);
                var signals = await SignalLoad.PrepareAsync(context, context.Both, layout, ct);
                var point = await runner.RunPointAsync("smoke signals", context.Both, layout, 20, options.Duration, ct, signals: signals);
                results.Fanout.Add(point);
                return Complete(point) ?? point.Signals switch
                {
                    { Failures: > 0 } s => $"{s.Failures} typing sends or presence connects failed",
                    { TypingP99: double.NaN } => "no typing push was timed (its typist's send not seen)",
                    { TypingSent: > 0, TypingReceived: > 0, PresenceToggles: > 0, PresenceReceived: > 0 } => null,
                    var s => $"signals sent or not received: {s}",
                };
            });

            await CheckAsync("rest", async () =>
            {
                await Scenarios.RestAsync(context!, results, 2, 2, 1, ct);
                var bad = results.Rest.Where(r => r.Requests == 0 || r.Errors > 0).Select(r => $"{r.Operation} ({r.Target}): {r.Requests} requests, {r.Errors} errors").ToList();
                if (context!.Stack.HasDatabase && (results.PgBench.Count == 0 || results.PgBench.Any(p => !(p.Tps > 0))))
                {
                    bad.Add("pgbench -S gave no TPS");
                }
                return bad.Count == 0 ? null : string.Join("; ", bad);
            });

            await CheckAsync("growth", async () =>
            {
                await Scenarios.GrowthAsync(context!, results, [new FanoutLayout(2, 3, 1), new FanoutLayout(1, 3, 2)], 10, [new FanoutLayout(1, 3, 1), new FanoutLayout(2, 3, 1)], 10, ct);
                var apis = context!.Stack.ApiNames.ToList();
                var bad = results.Growth.Select(Complete).OfType<string>().ToList();
                if (results.Growth.Any(p => double.IsNaN(p.ServerCpuMsPerMessage(apis))))
                {
                    bad.Add("no CPU per message (replica pids not found)");
                }
                return bad.Count == 0 ? null : string.Join("; ", bad);
            });

            await CheckAsync("ceilings", async () =>
            {
                await Scenarios.CeilingsAsync(context!, results, 12, 6, [10, 20], FreePort(), ct);
                var bare = results.Ceilings.Where(p => p.Series == Scenarios.BareSeries).ToList();
                if (bare.Count == 0)
                {
                    return "the bare hub ramp did not run";
                }
                var bad = results.Ceilings.Select(Complete).OfType<string>().ToList();
                return bad.Count == 0 ? null : string.Join("; ", bad);
            });

            await CheckAsync("firstload", async () =>
            {
                var rows = await FirstLoad.RunAsync(options.Web, options.Api[0], options.Runs, FirstLoad.Fast4G, ct);
                foreach (var row in rows)
                {
                    Console.WriteLine(row);
                }
                var bad = rows.Where(r => r.MedianBytes <= 0 || r.Requests == 0).Select(r => $"{r.Page}: nothing transferred").ToList();
                return bad.Count == 0 ? null : string.Join("; ", bad);
            });

            await CheckAsync("search", async () =>
            {
                if (!context!.Stack.HasDatabase)
                {
                    return "no database (--state) to write the corpus into";
                }
                await SearchCorpus.EnsureAsync(context.Stack, 10, 300, ct);
                var searchers = await SearchLoad.PrepareAsync(context, 10, ct);
                var runner = new FanoutRunner(context);
                var layout = new FanoutLayout(2, 3, 2);
                await runner.PrepareAsync(context.Both, layout, ct);
                var fanout = runner.RunPointAsync("smoke search", context.Both, layout, 20, options.Duration, ct);
                var rows = await searchers.RunAsync(context, await SearchCorpus.CountAsync(context.Stack, ct), 5, options.Duration, ct);
                var all = rows.Single(r => r.Searcher == "all searchers");
                return Complete(await fanout) ?? (all is { Requests: > 0, Errors: 0 } ? null : $"searches: {all.Requests}, errors: {all.Errors}");
            });

            await CheckAsync("channel", async () =>
            {
                var rows = await ChannelLoad.RunAsync(context!, "smoke", 8, [2, 8], 10, options.Duration, ct);
                var bad = rows.Select(r => Complete(r.Point)).OfType<string>().ToList();
                var deaf = rows.Where(r => r.ReceivedPerSecond.Values.All(v => v <= 0)).Select(r => $"{r.Point.Teams} teams: no replica counted an announcement").ToList();
                return bad.Count + deaf.Count == 0 ? null : string.Join("; ", bad.Concat(deaf));
            });

            await CheckAsync("broker", async () =>
            {
                if (!context!.Stack.HasDatabase)
                {
                    return "no database (--state) to send NOTIFY on";
                }
                var rows = await BrokerCeilings.RunAsync(context, [], 1, ct);
                return rows.Count > 0 && rows.All(r => r.SentPerSecond > 0) ? null : $"NOTIFY ceiling: {rows.Count} rows, none may be empty";
            });

            await CheckAsync("upload", async () =>
            {
                var rows = await UploadLoad.RunAsync(context!, options.Web, 1, ct);
                var bad = rows.Where(r => r.Count == 0 || r.Errors > 0).Select(r => $"{r.File}: {r.Errors} of {r.Count} failed").ToList();
                return bad.Count == 0 ? null : string.Join("; ", bad);
            });

            await CheckAsync("report", async () =>
            {
                var dir = Directory.CreateTempSubdirectory("squadra-bench-smoke-");
                try
                {
                    var apis = context!.Stack.ApiNames.ToList();
                    var file = Path.Combine(dir.FullName, "benchmarks.md");
                    Chart.Write(Path.Combine(dir.FullName, Report.ChartFile), results.Fanout.Concat(results.Ceilings));
                    await Report.WriteSectionsAsync(file, [
                        ("fanout", "(a)", Report.FanoutSection(results, apis)), ("rest", "(b)", Report.RestSection(results, apis)),
                        ("growth", "(c)", Report.GrowthSection(results, apis)), ("ceilings", "ceilings", Report.CeilingSection(results, apis)),
                        ("targets", "targets", Report.TargetsSection(results))]);
                    var png = new FileInfo(Path.Combine(dir.FullName, Report.ChartFile));
                    return png.Exists && png.Length > 1000 && (await File.ReadAllTextAsync(file, ct)).Contains("<!-- /bench:targets -->", StringComparison.Ordinal)
                        ? null : "report or chart missing";
                }
                finally
                {
                    dir.Delete(recursive: true);
                }
            });
        }
        finally
        {
            if (context is not null)
            {
                await context.DisposeAsync();
            }
        }

        // The closing line has the shape test.sh's summary counts ("Failed: N, Passed: N").
        Console.WriteLine($"{(failed == 0 ? "Passed!" : "Failed!")}  - Failed: {failed,5}, Passed: {passed,5}, Skipped: {skipped,5}, Total: {passed + failed + skipped,5} - Squadra.Bench smoke");
        return failed == 0 && skipped == 0 ? 0 : 1;
    }

    private static string? Complete(PointResult p) =>
        p.Sent == 0 ? $"{p.Series}: nothing sent"
        : p.PostErrors > 0 ? $"{p.Series}: {p.PostErrors} posts failed"
        : p.Delivered < p.Expected ? $"{p.Series} at {p.TargetRate}/s: {p.Delivered} of {p.Expected} deliveries arrived"
        : p.Disconnects > 0 ? $"{p.Series}: {p.Disconnects} hub connections dropped"
        : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
