using System.Globalization;
using System.Text.RegularExpressions;
using Squadra.Faults.Infrastructure;
using Squadra.Faults.Load;
using Xunit.Abstractions;

namespace Squadra.Faults.Faults;

/// <summary>
/// Announcements are sent after the commit (src/Squadra.Api/Realtime/Announcer.cs), so a replica killed between
/// the two leaves commits nobody announced. The replicas' test hook holds every announcement batch for a few
/// seconds (Realtime:Fanout:HoldBeforeSend, read live from appsettings.Production.json), api-1 is killed inside
/// that window, and every subscriber must still end with every message exactly once: the sweep of each replica
/// finds them, within its interval, for subscribers that stayed connected.
/// </summary>
[Collection(FaultStackCollection.Name)]
[TestCaseOrderer(ByOrder.TypeName, ByOrder.AssemblyName)]
public sealed partial class UnannouncedCommitTests(FaultStack stack, ITestOutputHelper output)
{
    private static readonly TimeSpan s_hold = TimeSpan.FromSeconds(4);
    // The replicas' default sweep interval (FanoutOptions.SweepInterval), plus a push and a scheduling hiccup.
    private static readonly TimeSpan s_sweep = TimeSpan.FromSeconds(1.5);

    [Fact, Order(12), Trait("Matrix", "ci")]
    public async Task KillingAReplicaBeforeItAnnouncesItsCommitsLosesNothing()
    {
        await using var run = await FaultRun.StartAsync(stack, "kill -9 api-1 between its commits and their announcement", output);
        // The replicas that stay up sweep; with three, the subscribers behind may all be on any of them.
        var others = FaultStack.Replicas.Where(r => r != "api-1").Select(r => stack.Client(FaultStack.ApiPort(r), TimeSpan.FromSeconds(5))).ToList();
        var sweptBefore = await SweptAsync(others);
        var settings = Path.Combine(stack.StateDirectory, "app", "api", "appsettings.Production.json");
        int pid;
        try
        {
            await File.WriteAllTextAsync(settings, $$"""{ "Realtime": { "Fanout": { "HoldBeforeSend": "{{s_hold:c}}" } } }""");
            // Configuration reloads ~250 ms after the file changes; then commits pile up unannounced for a while.
            await Task.Delay(TimeSpan.FromSeconds(3));
            pid = await Inject.KillProgramAsync(stack, "api-1");
            run.MarkFault($"kill -9 api-1 (pid {pid}) with every announcement held {s_hold.TotalSeconds} s after its commit");
        }
        finally
        {
            File.Delete(settings);
        }
        using var direct = stack.Client(FaultStack.Api1Port, TimeSpan.FromSeconds(2));
        var back = await run.WaitUntilAsync("api-1 supervised back and ready",
            async () => await run.ProgramBackAsync("api-1", pid) && await FaultMatrixTests.IsOkAsync(direct, "/health/ready"), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var swept = await SweptAsync(others) - sweptBefore;
        others.ForEach(client => client.Dispose());
        var lag = Verification.LongestDeliveryLag(run.Workload, subscriber => subscriber.Disconnections == 0);
        run.Note(string.Create(CultureInfo.InvariantCulture,
            $"the other replicas' sweeps found {swept} team or user cursors behind the database; longest delivery to a subscriber that stayed connected {FaultReport.Seconds(lag)}"));
        var (report, checks) = await run.FinishAsync(back is { } b ? $"api-1 back in {FaultReport.Seconds(b)}" : "api-1 NOT back");

        Assert.Empty(checks.Problems);
        Assert.NotNull(back);
        Assert.Equal(0, report.FailedReads);
        Assert.True(swept > 0, "no other replica's sweep found an unannounced commit: the hook did not hold the announcements");
        Targets.Within(lag, s_sweep + TimeSpan.FromSeconds(1), s_sweep + TimeSpan.FromSeconds(5), "longest delivery to a subscriber that stayed connected");
    }

    private static async Task<double> SweptAsync(IEnumerable<HttpClient> replicas)
    {
        var swept = 0.0;
        foreach (var replica in replicas)
        {
            var metrics = await replica.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            swept += SweptLine().Matches(metrics).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        return swept;
    }

    [GeneratedRegex(@"^squadra_fanout_swept_total\{[^}]*\} (\S+)$", RegexOptions.Multiline)]
    private static partial Regex SweptLine();
}
