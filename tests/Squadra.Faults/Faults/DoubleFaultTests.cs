using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Contracts.Chat;
using Squadra.Faults.Infrastructure;

namespace Squadra.Faults.Faults;

/// <summary>One answer of the system while both database nodes are down.</summary>
public sealed record Answer(string Request, int Status, TimeSpan Took, string? ContentType, bool RetryAfter, string? ServedBy)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Request} {Status} {ContentType} in {Took.TotalSeconds:0.00} s{(RetryAfter ? " Retry-After" : "")} ({ServedBy ?? "gateway"})");
}

public sealed partial class FaultMatrixTests
{
    private static readonly TimeSpan s_bothDown = TimeSpan.FromSeconds(30);

    /// <summary>"Fail fast": an answer within the time a client waits for a short database failover anyway.</summary>
    private static readonly TimeSpan s_failFast = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Two faults at once: both database machines lost. Requests must fail fast with 503 problem details,
    /// nothing may crash or spin, nothing committed may be harmed, and the system must recover by itself
    /// when a node returns (the last primary first, then the other).
    /// </summary>
    [Fact, Order(12)]
    public async Task LosingBothDatabaseNodesFailsFastAndRecoversWhenOneReturns()
    {
        await using var run = await FaultRun.StartAsync(stack, "both database nodes lost", output);
        var primary = run.PrimaryBefore;
        var backup = DatabaseTier.Other(primary);
        var pidsBefore = await stack.ProcessIdsAsync();
        await Inject.LoseNodesAsync(stack, () => run.MarkFault($"{primary} (primary) and {backup} (backup) lost at once: stopped, killed, kept down"), primary, backup);

        await run.DelayUntilAsync(TimeSpan.FromSeconds(5));
        var answers = await SampleAnswersAsync(run, 6);
        foreach (var group in answers.GroupBy(a => (a.Request, a.Status, a.ContentType, a.RetryAfter)))
        {
            run.Note(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key.Request}: {group.Count()} x {group.Key.Status} {group.Key.ContentType}{(group.Key.RetryAfter ? " with Retry-After" : "")}, in {group.Min(a => a.Took).TotalSeconds:0.0}-{group.Max(a => a.Took).TotalSeconds:0.0} s"));
        }
        var cpu = await CpuPerProgramAsync(TimeSpan.FromSeconds(10));
        run.Note("CPU while both are down (share of one core over 10 s): " + string.Join(", ", cpu.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:0.00}"))));
        var pidsDown = await stack.ProcessIdsAsync();
        var restarted = pidsBefore.Where(p => !p.Key.StartsWith("pg-node", StringComparison.Ordinal) && pidsDown[p.Key] != p.Value).Select(p => p.Key).ToList();
        run.Note(restarted.Count == 0 ? "no process crashed or was restarted" : "RESTARTED while the database was down: " + string.Join(", ", restarted));

        await run.DelayUntilAsync(s_bothDown);
        await Inject.ReturnNodeAsync(stack, primary);
        var returned = run.Since;
        run.Note($"{primary} (the last primary) started again");
        var writesBack = await run.WaitUntilAsync("writes acknowledged again",
            () => Task.FromResult(run.Workload.Writes.Any(w => w.Acknowledged - run.FaultAt > returned)), TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(5));
        await Inject.ReturnNodeAsync(stack, backup);
        var backupReturned = run.Since;
        run.Note($"{backup} started again");
        var synchronous = await run.WaitUntilAsync("primary and synchronous secondary again", stack.Database.SynchronousPairAsync, TimeSpan.FromSeconds(120));
        await Task.Delay(s_observe);
        var (_, checks) = await run.FinishAsync(
            $"writes back {FaultReport.Seconds(writesBack - returned)} after {primary} returned; sync pair {FaultReport.Seconds(synchronous - backupReturned)} after {backup} returned");

        Assert.Empty(checks.Problems);
        Assert.Empty(restarted);
        Assert.All(answers, a => Assert.True(a is { Status: 503, ContentType: "application/problem+json", RetryAfter: true }, $"answer while the database is down: {a}"));
        Assert.All(answers, a => Assert.True(a.Took < s_failFast, $"answer while the database is down took {a.Took.TotalSeconds:0.0} s: {a}"));
        Assert.All(cpu, c => Assert.True(c.Value < 0.5, $"{c.Key} used {c.Value:0.00} of a core while the database was down"));
        Assert.NotNull(writesBack);
        Assert.NotNull(synchronous);
    }

    /// <summary>A read and a write through the gateway, <paramref name="count"/> times each, one after the other, timed.</summary>
    private async Task<IReadOnlyList<Answer>> SampleAnswersAsync(FaultRun run, int count)
    {
        var reader = stack.People.Reader;
        var team = run.Workload.TeamIds[0];
        using var client = stack.Client(timeout: TimeSpan.FromSeconds(60));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reader.Token);
        var answers = new List<Answer>();
        for (var i = 0; i < count; i++)
        {
            foreach (var write in new[] { false, true })
            {
                using var request = new HttpRequestMessage(write ? HttpMethod.Post : HttpMethod.Get, $"/api/teams/{team}/messages" + (write ? "" : "?limit=5"));
                if (write)
                {
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    request.Content = JsonContent.Create(new PostMessageRequest($"written while both nodes are down {i}"));
                }
                var clock = Stopwatch.StartNew();
                using var response = await client.SendAsync(request);
                answers.Add(new Answer(write ? "POST message" : "GET messages", (int)response.StatusCode, clock.Elapsed,
                    response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter is not null,
                    response.Headers.TryGetValues("X-Served-By", out var by) ? by.FirstOrDefault() : null));
            }
        }
        return answers;
    }

    /// <summary>The CPU each running program (with its children) uses over <paramref name="window"/>, as a share of one core.</summary>
    private async Task<IReadOnlyDictionary<string, double>> CpuPerProgramAsync(TimeSpan window)
    {
        var programs = new Dictionary<string, IReadOnlyList<int>>();
        foreach (var program in FaultStack.Programs.Where(p => !p.StartsWith("pg-node", StringComparison.Ordinal)))
        {
            if (await stack.ProcessIdAsync(program) is { } pid)
            {
                var roots = program == "pg-monitor" && stack.Database.PostmasterPid("monitor") is { } monitor ? new[] { pid, monitor } : [pid];
                programs[program] = ProcessTable.GroupAndDescendants(ProcessTable.Read(pid)?.ProcessGroup, roots);
            }
        }
        var shares = await Task.WhenAll(programs.Select(async p => (p.Key, Share: await ProcessTable.CpuShareAsync([.. p.Value], window))));
        return shares.ToDictionary(s => s.Key, s => s.Share);
    }
}
