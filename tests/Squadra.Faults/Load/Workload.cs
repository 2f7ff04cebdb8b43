using System.Diagnostics;
using Squadra.Faults.Infrastructure;

namespace Squadra.Faults.Load;

/// <summary>
/// The mixed workload of one fault run, all through the gateway: <see cref="Population.WriterCount"/>
/// writers posting messages and creating events in three fresh teams, <see cref="Population.SubscriberCount"/>
/// live subscribers (each in two of the teams), a probe reading the API every 50 ms and one loading
/// the browser app's page every 100 ms.
/// </summary>
public sealed class Workload : IAsyncDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopWriters = new();
    private readonly CancellationTokenSource _stopProbes = new();
    private readonly List<Task> _writing = [];
    private readonly List<Task> _probing = [];

    private Workload(IReadOnlyList<string> teamIds)
    {
        TeamIds = teamIds;
        Log = new RequestLog(() => _clock.Elapsed);
    }

    public IReadOnlyList<string> TeamIds { get; }

    public RequestLog Log { get; }

    public TimeSpan Now => _clock.Elapsed;

    public List<Writer> Writers { get; } = [];

    public List<Subscriber> Subscribers { get; } = [];

    public IReadOnlyList<WriteRecord> Writes => [.. Writers.SelectMany(w => w.Writes)];

    public static async Task<Workload> StartAsync(FaultStack stack, string label)
    {
        var people = stack.People;
        var workload = new Workload(await people.CreateTeamsAsync(stack.Gateway, label));
        for (var s = 0; s < people.Subscribers.Count; s++)
        {
            var teams = Population.TeamsOfSubscriber(s).Select(t => workload.TeamIds[t]).ToList();
            workload.Subscribers.Add(await Subscriber.ConnectAsync(stack.Gateway, people.Subscribers[s], teams, workload.Log, s));
        }
        for (var w = 0; w < people.Writers.Count; w++)
        {
            var writer = new Writer(w, people.Writers[w], workload.TeamIds, stack.Gateway, workload.Log, label);
            workload.Writers.Add(writer);
            workload._writing.Add(Task.Run(() => writer.RunAsync(workload._stopWriters.Token)));
        }
        var probes = new[] { Probe.ApiReads(stack.Gateway, people.Reader, workload.TeamIds[0], workload.Log), Probe.Page(stack.Gateway, workload.Log) };
        workload._probing.AddRange(probes.Select(p => Task.Run(() => p.RunAsync(workload._stopProbes.Token))));
        return workload;
    }

    /// <summary>Stops starting writes and waits until every write begun is acknowledged (or given up).</summary>
    public async Task StopWritersAsync()
    {
        await _stopWriters.CancelAsync();
        await Task.WhenAll(_writing);
    }

    public async Task StopProbesAsync()
    {
        await _stopProbes.CancelAsync();
        await Task.WhenAll(_probing);
    }

    public async ValueTask DisposeAsync()
    {
        await StopWritersAsync();
        await StopProbesAsync();
        foreach (var subscriber in Subscribers)
        {
            await subscriber.DisposeAsync();
        }
        _stopWriters.Dispose();
        _stopProbes.Dispose();
    }
}
