using System.Globalization;
using System.Text;

namespace Squadra.Bench;

/// <summary>
/// Console lines while measuring, and docs/benchmarks.md afterwards: each scenario rewrites only its own block
/// (between &lt;!-- bench:NAME --&gt; markers), so the hand-written analysis around the blocks stays.
/// </summary>
internal static class Report
{
    public const string ChartFile = "benchmarks-latency.png";
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static void PrintPoint(PointResult p, IReadOnlyList<string> servers) => Console.WriteLine(string.Create(s_inv,
        $"  {p.Target,-20} {p.Members,5} conn {p.Teams,3}x{p.GroupSize,-4} {p.TargetRate,5}/s -> sent {p.AchievedRate,6:F0}/s err {p.PostErrors,-3} " +
        $"| delivered {p.DeliveredPerSec,8:F0}/s {p.Completeness,6:F1}% | p50 {p.P50,7:F1} p95 {p.P95,7:F1} p99 {p.P99,7:F1} ms " +
        $"| POST p50 {p.PostP50,6:F1} p99 {p.PostP99,6:F1} | CPU {string.Join(' ', servers.Select(s => $"{s} {p.Window.Cpu(s):F0}%"))} pg {p.Window.Cpu("pg"):F0}% bench {p.Window.Cpu("bench"):F0}% other {p.Window.OtherPercent:F0}%{(p.Disconnects > 0 ? " DISCONNECTS " + p.Disconnects.ToString(s_inv) : "")}{SignalsLine(p)}"));

    private static string SignalsLine(PointResult p) => p.Signals is not { } s ? "" : string.Create(s_inv,
        $"\n    signals: typing sent {s.TypingSent:N0}, pushes received {s.TypingReceived:N0} (send->push p50 {s.TypingP50:F1} p99 {s.TypingP99:F1} ms) | presence toggles {s.PresenceToggles:N0}, pushes received {s.PresenceReceived:N0}{(s.Failures > 0 ? $" | FAILED {s.Failures}" : "")}");

    public static void PrintRest(RestRow r, IEnumerable<string> apis) => Console.WriteLine(string.Create(s_inv,
        $"  {r.Operation,-18} {r.Target,-10} c={r.Concurrency,-3} {r.Rps,8:F0} req/s  p50 {r.P50,7:F1} ms  p99 {r.P99,7:F1} ms  errors {r.Errors,-4} | CPU ms/req: API {r.ApiCpuMsPerRequest(apis):F2} pg {r.PgCpuMsPerRequest:F2} | CPU {string.Join(' ', apis.Select(a => $"{a} {r.Window.Cpu(a):F0}%"))} pg {r.Window.Cpu("pg"):F0}% bench {r.Window.Cpu("bench"):F0}% other {r.Window.OtherPercent:F0}%"));

    public static string Header(BenchContext context, RunResults results, string command)
    {
        var other = results.OtherLoad.Where(v => !double.IsNaN(v)).ToList();
        var measured = string.Create(s_inv, $"_Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}`; {Environment.ProcessorCount} cores; load average before: {context.StartLoad}");
        // A run without load points (firstload) has no "other work" figure to give.
        return other.Count == 0 ? measured + "._\n" : measured + string.Create(s_inv,
            $"; CPU used by other work on the machine during the points (not the replicas, PostgreSQL or the bench): mean {other.Average():F0} %, max {other.Max():F0} % of {Environment.ProcessorCount * 100} %._\n");
    }

    public static string FanoutSection(RunResults r, IReadOnlyList<string> apis)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| members (hub connections) | teams × connections | rate → sent/s | delivered/s | complete | p50 ms | p95 ms | p99 ms | POST p50 / p99 ms | CPU " + string.Join(" / ", apis) + " | CPU pg | CPU bench | RSS " + string.Join(" / ", apis) + " | server µs / delivery |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in r.Fanout)
        {
            sb.AppendLine(Row(p, apis));
        }
        sb.AppendLine();
        // Points with typing and presence on top (fanout --signals, issue 19): what they sent and the fleet received.
        foreach (var p in r.Fanout.Where(p => p.Signals is not null))
        {
            var s = p.Signals!;
            sb.AppendLine(string.Create(s_inv,
                $"- {p.Series}, {p.TargetRate:N0}/s: typing sent {s.TypingSent:N0}, `typing` pushes received {s.TypingReceived:N0} (from a typist's signal to a teammate's push: p50 {s.TypingP50:F1} ms, p99 {s.TypingP99:F1} ms); presence toggles {s.PresenceToggles:N0}, `presence` pushes received {s.PresenceReceived:N0}; failed {s.Failures:N0}"));
        }
        if (r.Fanout.Any(p => p.Signals is not null))
        {
            sb.AppendLine();
        }
        sb.AppendLine("Memory of idle connections (RSS after connecting and 3 s idle; no connections at the start: " +
            string.Join(", ", apis.Select(a => $"{a} {Mb(r.BaselineRss.GetValueOrDefault(a))}")) + "):");
        sb.AppendLine();
        sb.AppendLine("| connections | RSS " + string.Join(" / ", apis) + " | connecting took | KB per connection (vs none) | KB per connection (vs previous row) |");
        sb.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var m in r.Memory)
        {
            sb.AppendLine(string.Create(s_inv, $"| {m.Members:N0} | {string.Join(" / ", apis.Select(a => Mb(m.RssBytes.GetValueOrDefault(a))))} | {m.ConnectSeconds:F1} s | {m.KbPerConnectionVsBaseline:F1} | {m.KbPerConnectionVsPrevious:F1} |"));
        }
        return sb.ToString();
    }

    public static string CeilingSection(RunResults r, IReadOnlyList<string> apis)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| series | members | rate → sent/s | delivered/s | complete | p50 ms | p95 ms | p99 ms | POST p50 / p99 ms | CPU server(s) | CPU pg | CPU bench | server µs / delivery |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in r.Ceilings)
        {
            var servers = p.Target == "bare hub" ? (IReadOnlyList<string>)["barehub"] : apis;
            sb.AppendLine(string.Create(s_inv,
                $"| {p.Series} | {p.Members:N0} | {p.TargetRate:N0} → {p.AchievedRate:N0} | {p.DeliveredPerSec:N0} | {p.Completeness:F1} % | {p.P50:F1} | {p.P95:F1} | {p.P99:F1} | {p.PostP50:F1} / {p.PostP99:F1} | " +
                $"{string.Join(" / ", servers.Select(s => $"{p.Window.Cpu(s):F0} %"))} | {p.Window.Cpu("pg"):F0} % | {p.Window.Cpu("bench"):F0} % | {p.ServerCpuMicrosPerDelivery(servers):F1} |"));
        }
        sb.AppendLine();
        foreach (var (series, best) in Saturation(r))
        {
            sb.AppendLine(string.Create(s_inv, $"- {series}: best delivered rate {best:N0}/s"));
        }
        return sb.ToString();
    }

    public static IEnumerable<(string Series, double Best)> Saturation(RunResults r) =>
        r.Ceilings.GroupBy(p => p.Series).Select(g => (g.Key, g.Max(p => p.DeliveredPerSec)));

    public static string RestSection(RunResults r, IReadOnlyList<string> apis)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| operation | replicas | concurrency | req/s | p50 ms | p99 ms | errors | CPU " + string.Join(" / ", apis) + " | CPU pg | CPU bench | API CPU ms / request | pg CPU ms / request |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var x in r.Rest)
        {
            sb.AppendLine(string.Create(s_inv,
                $"| {x.Operation} | {x.Target} | {x.Concurrency} | {x.Rps:N0} | {x.P50:F1} | {x.P99:F1} | {x.Errors} | {string.Join(" / ", apis.Select(a => $"{x.Window.Cpu(a):F0} %"))} | {x.Window.Cpu("pg"):F0} % | {x.Window.Cpu("bench"):F0} % | {x.ApiCpuMsPerRequest(apis):F2} | {x.PgCpuMsPerRequest:F2} |"));
        }
        foreach (var p in r.PgBench)
        {
            var what = p.Via == StackInfo.InsertVia ? $"`pgbench` {p.Via}" : $"`pgbench -S` via {p.Via}";
            sb.AppendLine(string.Create(s_inv, $"| ceiling: {what} | - | {p.Clients} | {p.Tps:N0} | avg {p.LatencyMs:F2} | | | | | | | |"));
        }
        return sb.ToString();
    }

    public static string GrowthSection(RunResults r, IReadOnlyList<string> apis)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| series | teams × connections | connections | rate → sent/s | delivered/s | replicas CPU ms / message | replicas µs / delivery | pg CPU ms / message | pg transactions / message | pg tuples read / message | pg tuples written / message | p50 ms | p99 ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in r.Growth)
        {
            var pgMs = p.Sent == 0 ? double.NaN : p.Window.CpuSeconds("pg") * 1000 / p.Sent;
            sb.AppendLine(string.Create(s_inv,
                $"| {p.Series} | {p.Teams} × {p.GroupSize} | {p.Members:N0} | {p.TargetRate} → {p.AchievedRate:F0} | {p.DeliveredPerSec:N0} | {p.ServerCpuMsPerMessage(apis):F2} | {p.ServerCpuMicrosPerDelivery(apis):F1} | {pgMs:F2} | " +
                $"{p.Pg?.TransactionsPerMessage:F1} | {p.Pg?.TuplesReadPerMessage:F1} | {p.Pg?.TuplesWrittenPerMessage:F1} | {p.P50:F1} | {p.P99:F1} |"));
        }
        return sb.ToString();
    }

    public static string TargetsSection(RunResults r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| target | measured | verdict |");
        sb.AppendLine("|---|---|---|");

        var at2000 = r.Fanout.Concat(r.Ceilings.Where(p => p.Series == BothSeriesName))
            .Where(p => p.Target == "squadra, 2 replicas" && Math.Abs(p.Members - 2000) <= 20 && p.TargetRate == 200).ToList();
        if (at2000.Count > 0)
        {
            var worst = at2000.Max(p => p.P99);
            sb.AppendLine(string.Create(s_inv, $"| fan-out p99 ≤ 50 ms, 2,000 members, 200 messages/s | p99 {string.Join(" ms, ", at2000.Select(p => p.P99.ToString("F1", s_inv)))} ms ({at2000.Count} run(s)){BareHubAt(r, 200)} | {Verdict(worst <= 50)} |"));
        }
        var at500 = r.Fanout.Concat(r.Ceilings.Where(p => p.Series == BothSeriesName))
            .Where(p => p.Target == "squadra, 2 replicas" && Math.Abs(p.Members - 2000) <= 20 && p.TargetRate == 500).ToList();
        if (at500.Count > 0)
        {
            var ok = at500.All(p => p.P99 <= 250 && p.Completeness >= 100);
            sb.AppendLine(string.Create(s_inv, $"| fan-out p99 ≤ 250 ms and 100 % delivered, 2,000 members, 500 messages/s | {string.Join("; ", at500.Select(p => $"p99 {p.P99:F1} ms, {p.Completeness:F1} %"))}{BareHubAt(r, 500)} | {Verdict(ok)} |"));
        }
        var best = Saturation(r).ToDictionary(s => s.Series, s => s.Best);
        if (best.TryGetValue(Scenarios.BareSeries, out var bare) && best.TryGetValue(Scenarios.BothSeries, out var both))
        {
            sb.AppendLine(string.Create(s_inv, $"| delivered rate ≥ 0.5 × bare hub's at saturation | {both:N0}/s vs {bare:N0}/s = {both / bare:F2} × | {Verdict(both >= 0.5 * bare)} |"));
            if (best.TryGetValue(Scenarios.SingleSeries, out var single))
            {
                sb.AppendLine(string.Create(s_inv, $"| (for reference) one replica vs both | {single:N0}/s vs {both:N0}/s = {single / both:F2} × | - |"));
            }
        }
        var history = r.Rest.FirstOrDefault(x => x.Operation.StartsWith("history", StringComparison.Ordinal) && x.Target == "2 replicas");
        var pg = r.PgBench.FirstOrDefault(p => p.Via.StartsWith("TCP", StringComparison.Ordinal)) ?? r.PgBench.FirstOrDefault(p => p.Via != StackInfo.InsertVia);
        if (history is not null && pg is not null)
        {
            sb.AppendLine(string.Create(s_inv, $"| history page ≥ 0.3 × `pgbench -S` TPS (c={pg.Clients}) | {history.Rps:N0} req/s vs {pg.Tps:N0} TPS ({pg.Via}) = {history.Rps / pg.Tps:F2} × | {Verdict(history.Rps >= 0.3 * pg.Tps)} |"));
        }
        var post = r.Rest.FirstOrDefault(x => x.Operation == "post message");
        var insert = r.PgBench.FirstOrDefault(p => p.Via == StackInfo.InsertVia);
        if (post is not null && insert is not null)
        {
            sb.AppendLine(string.Create(s_inv, $"| posts/s ≥ 0.25 × `pgbench` single-row INSERT TPS (c={insert.Clients}, synchronous replication) | {post.Rps:N0} posts/s vs {insert.Tps:N0} TPS = {post.Rps / insert.Tps:F2} × | {Verdict(post.Rps >= 0.25 * insert.Tps)} |"));
        }
        var perTeam = r.Growth.Where(p => p.Series == "growth: members per team" && p.Pg is not null).OrderBy(p => p.GroupSize).ToList();
        if (perTeam.Count >= 2)
        {
            var small = perTeam[0];
            var large = perTeam[^1];
            // Per-recipient work would grow with the team (here ×50); counters of a shared database are noisy, so allow 2×.
            var pgMs = perTeam.Select(p => p.Window.CpuSeconds("pg") * 1000 / Math.Max(1, p.Sent)).Where(v => v > 0).DefaultIfEmpty(double.NaN).ToList();
            var tuples = perTeam.Select(p => p.Pg!.TuplesReadPerMessage).ToList();
            var flat = large.GroupSize >= 10 * small.GroupSize && tuples.Max() <= 2 * tuples.Min() && pgMs.Max() <= 2 * pgMs.Min();
            sb.AppendLine(string.Create(s_inv,
                $"| no per-recipient database work on the fan-out path | team of {small.GroupSize} → {large.GroupSize} connections: pg tuples read / message {tuples.Min():F0}-{tuples.Max():F0}, pg CPU / message {pgMs.Min():F1}-{pgMs.Max():F1} ms, pg transactions / message {small.Pg!.TransactionsPerMessage:F1} → {large.Pg!.TransactionsPerMessage:F1} (shared counters: noisy) | {Verdict(flat)} |"));
        }
        if (r.Memory.Count > 0)
        {
            var largest = r.Memory.MaxBy(m => m.Members)!;
            sb.AppendLine(string.Create(s_inv, $"| memory per idle connection ≤ 50 KB | {largest.KbPerConnectionVsBaseline:F1} KB at {largest.Members:N0} connections (RSS growth over both replicas / connections) | {Verdict(largest.KbPerConnectionVsBaseline <= 50)} |"));
        }
        return sb.ToString();
    }

    private const string BothSeriesName = Scenarios.BothSeries;

    /// <summary>The ceiling at the same point of the same run: what a hub with no database and no work at all gave.</summary>
    private static string BareHubAt(RunResults r, int rate) =>
        r.Ceilings.FirstOrDefault(p => p.Series == Scenarios.BareSeries && p.TargetRate == rate) is { } bare
            ? string.Create(s_inv, $"; the bare hub at the same rate: p99 {bare.P99:F1} ms, {bare.AchievedRate:N0} sent/s")
            : "";

    private static string Verdict(bool met) => met ? "**met**" : "**missed**";

    private static string Row(PointResult p, IReadOnlyList<string> apis) => string.Create(s_inv,
        $"| {p.Members:N0} | {p.Teams} × {p.GroupSize} | {p.TargetRate:N0} → {p.AchievedRate:N0} | {p.DeliveredPerSec:N0} | {p.Completeness:F1} % | {p.P50:F1} | {p.P95:F1} | {p.P99:F1} | {p.PostP50:F1} / {p.PostP99:F1} | " +
        $"{string.Join(" / ", apis.Select(a => $"{p.Window.Cpu(a):F0} %"))} | {p.Window.Cpu("pg"):F0} % | {p.Window.Cpu("bench"):F0} % | {string.Join(" / ", apis.Select(a => Mb(p.Window.Rss(a))))} | {p.ServerCpuMicrosPerDelivery(apis):F1} |");

    private static string Mb(long bytes) => string.Create(s_inv, $"{bytes / 1024.0 / 1024.0:F0} MB");

    public static void PrintSearch(SearchRow r) => Console.WriteLine(string.Create(s_inv,
        $"  {r.CorpusMessages,9:N0} msgs  {r.Searcher,-22} {r.Query,-14} n={r.Requests,-5} err {r.Errors,-3} p50 {r.P50,7:F1} p95 {r.P95,7:F1} p99 {r.P99,7:F1} max {r.Max,7:F1} ms"));

    /// <summary>Search latency by corpus size, searcher and query kind; then the fan-out that ran meanwhile.</summary>
    public static string SearchSection(IReadOnlyList<SearchPoint> points, IReadOnlyList<string> apis)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| corpus (messages / teams) | searcher | query | searches | errors | p50 ms | p95 ms | p99 ms | max ms |");
        sb.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            foreach (var r in p.Rows.OrderBy(r => r.Searcher == "all searchers").ThenBy(r => r.Searcher).ThenBy(r => r.Query == "all queries"))
            {
                var bold = r.Query == "all queries" ? "**" : "";
                sb.AppendLine(string.Create(s_inv,
                    $"| {p.CorpusMessages:N0} / {p.CorpusTeams:N0} | {bold}{r.Searcher}{bold} | {bold}{r.Query}{bold} | {r.Requests:N0} | {r.Errors:N0} | {r.P50:F1} | {bold}{r.P95:F1}{bold} | {r.P99:F1} | {r.Max:F1} |"));
            }
        }
        sb.AppendLine();
        sb.AppendLine("The fan-out workload in the same windows:");
        sb.AppendLine();
        sb.AppendLine("| corpus | searches/s | fan-out | delivered | p50 ms | p99 ms | CPU " + string.Join(" / ", apis) + " | CPU pg | CPU bench |");
        sb.AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            var all = p.Rows.Single(r => r.Searcher == "all searchers");
            var f = p.Fanout;
            sb.AppendLine(string.Create(s_inv,
                $"| {p.CorpusMessages:N0} | {all.Requests / p.Seconds:F0} (offered {p.Rate}/s) | {(f is null ? "none" : $"{f.Members:N0} members, {f.TargetRate}/s → {f.AchievedRate:F0}/s")} | {f?.Completeness ?? double.NaN:F1} % | {f?.P50 ?? double.NaN:F1} | {f?.P99 ?? double.NaN:F1} | {string.Join(" / ", apis.Select(a => $"{p.Window.Cpu(a):F0} %"))} | {p.Window.Cpu("pg"):F0} % | {p.Window.Cpu("bench"):F0} % |"));
        }
        return sb.ToString();
    }

    public static void PrintUpload(UploadRow r, IEnumerable<string> apis) => Console.WriteLine(string.Create(s_inv,
        $"  {r.File,-22} {r.Bytes / 1048576.0,5:F1} MiB x{r.Count} err {r.Errors} | upload p50 {r.P50,7:F1} p95 {r.P95,7:F1} max {r.Max,7:F1} ms | thumbnail p50 {r.ThumbP50,5:F1} p95 {r.ThumbP95,5:F1} ms | API CPU ms/upload {r.ApiCpuMsPerUpload(apis):F0}, pg {r.Window.Cpu("pg"):F0}%"));

    /// <summary>Uploads through the gateway by file size and kind.</summary>
    public static string UploadSection(IReadOnlyList<UploadRow> rows, IReadOnlyList<string> apis)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| file | size | pixels | uploads | errors | upload p50 ms | upload p95 ms | max ms | thumbnail GET p50 / p95 ms | API CPU ms per upload | CPU pg |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(s_inv,
                $"| {r.File} | {r.Bytes / 1048576.0:F1} MiB | {r.Pixels / 1e6:F1} M | {r.Count} | {r.Errors} | {r.P50:F0} | **{r.P95:F0}** | {r.Max:F0} | {r.ThumbP50:F1} / {r.ThumbP95:F1} | {r.ApiCpuMsPerUpload(apis):F0} | {r.Window.Cpu("pg"):F0} % |"));
        }
        return sb.ToString();
    }

    /// <summary>One line per replica and team count: what the channel made each replica decode, and its CPU.</summary>
    public static string ChannelSection(IReadOnlyList<ChannelRow> rows, IReadOnlyList<string> apis)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| channel | replicas | teams × connections | posts/s | delivered/s | complete | p50 / p99 ms | replica | announcements decoded/s (share of posts) | replica CPU % | CPU µs per delivery (all replicas) | CPU pg | CPU nats |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            foreach (var api in apis.Order())
            {
                var p = r.Point;
                var nats = p.Window.CpuPercent.ContainsKey(StackInfo.NatsGroup) ? string.Create(s_inv, $"{p.Window.Cpu(StackInfo.NatsGroup):F0} %") : "–";
                sb.AppendLine(string.Create(s_inv,
                    $"| {r.Channel} | {r.Replicas} | {p.Teams} × {p.GroupSize} | {p.AchievedRate:F0} | {p.DeliveredPerSec:N0} | {p.Completeness:F1} % | {p.P50:F1} / {p.P99:F1} | {api} | {r.ReceivedPerSecond.GetValueOrDefault(api):F0} ({r.DecodedShare(api):F2}) | {p.Window.Cpu(api):F1} | {p.ServerCpuMicrosPerDelivery(apis):F0} | {p.Window.Cpu("pg"):F0} % | {nats} |"));
            }
        }
        return sb.ToString();
    }

    public static string ChannelLine(ChannelRow r, IReadOnlyList<string> apis) =>
        string.Create(s_inv, $"  {r.Point.Teams} teams: {r.Point.AchievedRate:F0} posts/s, {r.Point.DeliveredPerSec:F0} delivered/s ({r.Point.Completeness:F1} %), p99 {r.Point.P99:F1} ms; ")
        + string.Join("; ", apis.Order().Select(api => string.Create(s_inv, $"{api} decoded {r.ReceivedPerSecond.GetValueOrDefault(api):F0}/s, CPU {r.Point.Window.Cpu(api):F1} %")));

    public static string BrokerSection(IReadOnlyList<BrokerRow> rows)
    {
        // The machine's CPU, not PostgreSQL's: pgbench's backends live and die between the two samples of a window.
        var sb = new StringBuilder();
        sb.AppendLine("| channel | how | publishers | batch | announcements sent/s | received/s (one subscriber) | CPU nats | CPU machine (of 200 %) | load average after |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var nats = r.Window.CpuPercent.ContainsKey(StackInfo.NatsGroup) ? string.Create(s_inv, $"{r.Window.Cpu(StackInfo.NatsGroup):F0} %") : "–";
            var received = double.IsNaN(r.ReceivedPerSecond) ? "–" : string.Create(s_inv, $"{r.ReceivedPerSecond:N0}");
            sb.AppendLine(string.Create(s_inv,
                $"| {r.Channel} | {r.How} | {r.Publishers} | {r.Batch} | {r.SentPerSecond:N0} | {received} | {nats} | {r.Window.MachineBusyPercent:F0} % | {r.LoadAfter} |"));
        }
        return sb.ToString();
    }

    public static string FirstLoadSection(IReadOnlyList<FirstLoadRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| page | link | time to interactive, median | worst | transferred (median) | requests | runtime sent as |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(s_inv,
                $"| {r.Page} | {r.Profile} | {r.MedianSeconds:F2} s | {r.MaxSeconds:F2} s | {r.MedianBytes / 1_000_000.0:F2} MB | {r.Requests} | {r.RuntimeEncoding} |"));
        }
        return text.ToString();
    }

    /// <summary>Replaces (or appends) the block between &lt;!-- bench:NAME --&gt; and &lt;!-- /bench:NAME --&gt;.</summary>
    public static async Task WriteSectionsAsync(string file, IReadOnlyList<(string Name, string Title, string Body)> sections)
    {
        var text = File.Exists(file) ? await File.ReadAllTextAsync(file) : "# Benchmarks\n\nGenerated blocks are rewritten by `bench/Squadra.Bench`; the text around them is written by hand.\n";
        foreach (var (name, title, body) in sections)
        {
            var begin = $"<!-- bench:{name} -->";
            var end = $"<!-- /bench:{name} -->";
            var block = $"{begin}\n{body.TrimEnd()}\n{end}";
            var start = text.IndexOf(begin, StringComparison.Ordinal);
            var stop = text.IndexOf(end, StringComparison.Ordinal);
            text = start >= 0 && stop > start
                ? text[..start] + block + text[(stop + end.Length)..]
                : text.TrimEnd() + $"\n\n## {title}\n\n{block}\n";
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, text.TrimEnd() + "\n");
    }
}
