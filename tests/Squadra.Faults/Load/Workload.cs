using System.Diagnostics;
using Squadra.Faults.Infrastructure;

namespace Squadra.Faults.Load;

/// <summary>
/// The mixed workload of one fault run, all through the gateway: <see cref="Population.WriterCount"/>
/// writers posting messages and creating events in three fresh teams, and messages in a direct message with a
/// subscriber, <see cref="Population.SubscriberCount"/> live subscribers (each in two of the teams and its DM), a
/// probe reading the API every 50 ms and one loading the browser app's page every 100 ms.
/// </summary>
public sealed class Workload : IAsyncDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopWriters = new();
    private readonly CancellationTokenSource _stopProbes = new();
    private readonly List<Task> _writing = [];
    private readonly List<Task> _probing = [];

    private Workload(IReadOnlyList<string> teamIds, IReadOnlyList<string> dmIds)
    {
        TeamIds = teamIds;
        DmIds = dmIds;
        Log = new RequestLog(() => _clock.Elapsed);
    }

    public IReadOnlyList<string> TeamIds { get; }

    /// <summary>Subscriber s's direct message with writer <see cref="Population.WriterOfDm"/>(s), by subscriber.</summary>
    public IReadOnlyList<string> DmIds { get; }

    /// <summary>Every team's and DM's id: whose committed messages the checks read.</summary>
    public IReadOnlyList<string> ChatIds => [.. TeamIds, .. DmIds];

    public RequestLog Log { get; }

    public TimeSpan Now => _clock.Elapsed;

    public List<Writer> Writers { get; } = [];

    public List<Subscriber> Subscribers { get; } = [];

    public IReadOnlyList<WriteRecord> Writes => [.. Writers.SelectMany(w => w.Writes)];

    public static async Task<Workload> StartAsync(FaultStack stack, string label)
    {
        var people = stack.People;
        var teamIds = await people.CreateTeamsAsync(stack.Gateway, label);
        var workload = new Workload(teamIds, await people.CreateDmsAsync(stack.Gateway));
        for (var s = 0; s < people.Subscribers.Count; s++)
        {
            List<Chat> chats = [.. Population.TeamsOfSubscriber(s).Select(t => new Chat(workload.TeamIds[t], IsDm: false)), new Chat(workload.DmIds[s], IsDm: true)];
            workload.Subscribers.Add(await Subscriber.ConnectAsync(stack.Gateway, people.Subscribers[s], chats, workload.Log, s));
        }
        for (var w = 0; w < people.Writers.Count; w++)
        {
            List<Chat> chats =
            [
                .. workload.TeamIds.Select(t => new Chat(t, IsDm: false)),
                .. workload.DmIds.Where((_, s) => Population.WriterOfDm(s) == w).Select(d => new Chat(d, IsDm: true)),
            ];
            var writer = new Writer(w, people.Writers[w], chats, stack.Gateway, workload.Log, label);
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
