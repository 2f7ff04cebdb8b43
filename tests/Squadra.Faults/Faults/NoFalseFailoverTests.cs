using System.Globalization;
using Squadra.Faults.Infrastructure;
using Squadra.Testing;
using Xunit.Abstractions;

namespace Squadra.Faults.Faults;

/// <summary>
/// The price of the fast failure detection (docs/reliability.md, "Trade-offs") would be failovers of a primary
/// that is only busy. A minute of the benchmark's heaviest target load (2,000 connected members, 200 messages/s,
/// bench/Squadra.Bench fanout) on the stack must leave the monitor without a single state change.
/// </summary>
[Collection(FaultStackCollection.Name)]
public sealed class NoFalseFailoverTests(FaultStack stack, ITestOutputHelper output)
{
    [Fact]
    public async Task AMinuteOfBenchmarkLoadCausesNoFailover()
    {
        await FaultRun.WaitHealthyAsync(stack, output);
        var primary = await DatabaseTier.PrimaryAsync();
        var events = await DatabaseTier.MonitorEventCountAsync();

        var bench = Path.Combine(RepositoryRoot.Path, "bench", "Squadra.Bench", "bin", "Debug", "net10.0", "Squadra.Bench.dll");
        var run = await ProcessRunner.RunAsync("dotnet",
            [bench, "fanout", "--api", string.Join(',', FaultStack.ApiPorts.Select(port => $"http://127.0.0.1:{port}")),
             "--state", stack.StateDirectory, "--members", "2000", "--rates", "200", "--duration", "60", "--out", "-"],
            timeout: TimeSpan.FromMinutes(8));
        output.WriteLine(run.Output);

        var changes = await DatabaseTier.MonitorEventCountAsync() - events;
        var after = await DatabaseTier.DescribeAsync();
        var summary = run.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.StartsWith('|')).TakeLast(3).ToList();
        stack.Results.Add(new FaultReport("no fault: 60 s of benchmark load (2,000 members, 200 msg/s)", 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0,
            string.Create(CultureInfo.InvariantCulture, $"{changes} monitor state changes; primary {primary} before, {after} after"), 0, 0,
            [$"bench exit code {run.ExitCode}", .. summary]));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(primary, await DatabaseTier.PrimaryAsync());
        Assert.Equal(0, changes);
    }
}
