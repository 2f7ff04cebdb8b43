using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Squadra.Contracts.Realtime;
using Squadra.Contracts.Typing;

namespace Squadra.Bench;

/// <summary>What a point with signals sent and its fleet received (issue 19 item 4); failures are sends or connects that threw.</summary>
internal sealed record SignalCounts(long TypingSent, long TypingReceived, long PresenceToggles, long PresenceReceived, long Failures);

/// <summary>
/// <c>fanout --signals</c> (issue 19 item 4): on top of a point's writes, every connection of the fleet sends
/// <c>Typing</c> for its team once every <see cref="TypingInterval"/>, spread evenly (members / 10 a second), and
/// the team's presence users toggle presence at <see cref="PresenceToggleInterval"/> per member: members / 60 connects
/// a second and as many disconnects, each a transition the server pushes to the team. The fleet's own connections
/// stay open, or the deliveries measured would be missing messages; the presence users are extra members of each team
/// (<see cref="Population.EnsurePresenceUsersAsync"/>), each holding one short connection per cycle.
/// </summary>
internal sealed class SignalLoad(BenchContext context, FanoutTarget target, IReadOnlyList<(string TeamId, BenchUser User)> togglers)
{
    public static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan PresenceToggleInterval = TimeSpan.FromMinutes(1);

    // Well below the server's 30-s client timeout: a presence user's connection sends no pings.
    private static readonly TimeSpan s_maxHold = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(10);

    private long _typingSent;
    private long _toggles;
    private long _failures;

    /// <summary>Adds the presence users the layout's teams lack (once per population).</summary>
    public static async Task<SignalLoad> PrepareAsync(BenchContext context, FanoutTarget target, FanoutLayout layout, CancellationToken ct)
    {
        var population = context.Population!;
        await population.EnsurePresenceUsersAsync(layout.Teams, ct);
        var togglers = population.Teams.Take(layout.Teams).SelectMany(t => t.Togglers.Select(u => (t.Id, u))).ToList();
        return new SignalLoad(context, target, togglers);
    }

    /// <summary>Typing and presence toggles for <paramref name="window"/>; then every presence user is disconnected again.</summary>
    public async Task RunAsync(TimeSpan window, CancellationToken ct)
    {
        (_typingSent, _toggles, _failures) = (0, 0, 0);
        var members = context.Fleet.Count;
        var togglesPerSecond = members / PresenceToggleInterval.TotalSeconds;
        await Task.WhenAll(TypeAsync(TeamsInTurn(context.Fleet.Snapshot()), window, ct), ToggleAllAsync(togglesPerSecond, window, ct));
    }

    public SignalCounts Counts(Phase phase) => new(
        Interlocked.Read(ref _typingSent), Interlocked.Read(ref phase.TypingReceived),
        Interlocked.Read(ref _toggles), Interlocked.Read(ref phase.PresenceReceived), Interlocked.Read(ref _failures));

    /// <summary>One connection of each team in turn, so that no team gets all of its typing in one burst.</summary>
    private static List<LeanHubClient> TeamsInTurn(IReadOnlyList<LeanHubClient> clients)
    {
        var teams = clients.GroupBy(c => c.Spec.TeamId).Select(g => g.ToList()).ToList();
        var longest = teams.Count == 0 ? 0 : teams.Max(t => t.Count);
        return [.. Enumerable.Range(0, longest).SelectMany(i => teams.Where(t => i < t.Count).Select(t => t[i]))];
    }

    private async Task TypeAsync(List<LeanHubClient> clients, TimeSpan window, CancellationToken ct)
    {
        if (clients.Count == 0)
        {
            return;
        }
        // Connection i types at i × interval / n, then every interval: evenly spread, each once per interval.
        var perSecond = clients.Count / TypingInterval.TotalSeconds;
        var sends = new List<Task>();
        long next = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window)
        {
            var due = 1 + (long)(perSecond * clock.Elapsed.TotalSeconds);
            for (; next < due; next++)
            {
                sends.Add(TypeOnceAsync(clients[(int)(next % clients.Count)], ct));
            }
            await Task.Delay(s_tick, ct);
        }
        await Task.WhenAll(sends);
    }

    private async Task TypeOnceAsync(LeanHubClient client, CancellationToken ct)
    {
        try
        {
            await client.SendInvocationAsync(RealtimeMethods.SendTyping, new TypingRequest(client.Spec.TeamId, null), ct);
            Interlocked.Increment(ref _typingSent);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    /// <summary>
    /// Presence user j connects at j / rate and then every cycle (users / rate), holds its connection for half a cycle
    /// (at most <see cref="s_maxHold"/>), and disconnects: the whole bench connects <paramref name="togglesPerSecond"/>
    /// times a second and disconnects as often.
    /// </summary>
    private async Task ToggleAllAsync(double togglesPerSecond, TimeSpan window, CancellationToken ct)
    {
        if (togglers.Count == 0 || togglesPerSecond <= 0)
        {
            return;
        }
        var cycle = TimeSpan.FromSeconds(togglers.Count / togglesPerSecond);
        var hold = cycle / 2 < s_maxHold ? cycle / 2 : s_maxHold;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(togglers.Select((toggler, j) =>
            ToggleAsync(toggler.TeamId, toggler.User, j, TimeSpan.FromSeconds(j / togglesPerSecond), cycle, hold, clock, window, ct)));
    }

    private async Task ToggleAsync(
        string teamId, BenchUser user, int index, TimeSpan first, TimeSpan cycle, TimeSpan hold, Stopwatch clock, TimeSpan window, CancellationToken ct)
    {
        var spec = new ClientSpec($"presence|{user.Id}", new Uri(target.Url(index), RealtimeMethods.HubPath), user.Token, teamId);
        for (var start = first; start < window; start += cycle)
        {
            await DelayUntilAsync(clock, start, ct);
            // Its pushes (the team's messages meanwhile, presence, typing) are not what is measured: dropped unread.
            var client = new LeanHubClient(spec, _ => { }, _ => { });
            var connected = false;
            try
            {
                await client.StartAsync(ct);
                connected = true;
                Interlocked.Increment(ref _toggles);
                await DelayUntilAsync(clock, start + hold < window ? start + hold : window, ct);
            }
            catch (Exception e) when (e is TimeoutException or HubException or WebSocketException)
            {
                Interlocked.Increment(ref _failures);
            }
            finally
            {
                await client.DisposeAsync();
                if (connected)
                {
                    Interlocked.Increment(ref _toggles);
                }
            }
        }
    }

    private static Task DelayUntilAsync(Stopwatch clock, TimeSpan at, CancellationToken ct) =>
        at > clock.Elapsed ? Task.Delay(at - clock.Elapsed, ct) : Task.CompletedTask;
}
