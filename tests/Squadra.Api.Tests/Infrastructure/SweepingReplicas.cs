using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>
/// Two more replicas of the cluster on a clock the test moves, their own background sweep turned off by the settings:
/// the test sweeps on both at once, many times, to show a due item is taken once whatever the race. People keep using
/// the cluster's real replicas, whose tokens carry real time.
/// </summary>
public sealed class SweepingReplicas<TSweeper> : IAsyncDisposable
    where TSweeper : notnull
{
    private readonly ApiFactory _a;
    private readonly ApiFactory _b;
    private readonly Func<TSweeper, CancellationToken, Task<int>> _sweep;

    public SweepingReplicas(ApiCluster cluster, string name, FakeTimeProvider clock, IReadOnlyDictionary<string, string> settings,
        Func<TSweeper, CancellationToken, Task<int>> sweep)
    {
        void UseFakeClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock);
        _a = cluster.StartReplica($"{name}-a", settings: settings, services: UseFakeClock);
        _b = cluster.StartReplica($"{name}-b", settings: settings, services: UseFakeClock);
        _a.StartServer();
        _b.StartServer();
        _sweep = sweep;
    }

    /// <summary>Eight sweeps at once, four on each replica.</summary>
    public async Task SweepManyTimesOnBothAsync()
    {
        var sweepers = new[] { _a, _b }.Select(f => f.Services.GetRequiredService<TSweeper>()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _sweep(sweepers[i % 2], CancellationToken.None)));
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }
}
