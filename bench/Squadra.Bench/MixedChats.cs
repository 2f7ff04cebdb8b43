using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;

namespace Squadra.Bench;

/// <summary>
/// What the mixed workload (issue 18 item 8) writes in one team besides its chat: replies in a thread of its own, and
/// a DM between its first two users, whose connections (<see cref="DmConnections"/>) are all that DM's members hold.
/// </summary>
internal sealed record MixedTeam(string TeamId, string OwnerToken, string RootId, string DmId, int DmConnections);

/// <summary>
/// One send of the mixed workload, by its number: of every ten, five team messages, two replies in the team's thread,
/// two DM messages and one reaction (added, then removed the next time), each pushed live by the server. Reactions
/// add load only: their push (<c>messageUpdated</c>) carries no send time to time.
/// </summary>
internal static class MixedSends
{
    public const string Emoji = "👍";

    public enum Kind { TeamMessage, Reply, Dm, Reaction }

    public static Kind Of(long k) => (k % 10) switch
    {
        < 5 => Kind.TeamMessage,
        < 7 => Kind.Reply,
        < 9 => Kind.Dm,
        _ => Kind.Reaction,
    };

    /// <summary>Each team's thread root and DM, made once per point's layout through the public API.</summary>
    public static async Task<IReadOnlyList<MixedTeam>> PrepareAsync(BenchContext context, FanoutLayout layout, CancellationToken ct)
    {
        var population = context.Population!;
        using var http = SquadraClient.CreateHttp(4);
        var teams = new List<MixedTeam>();
        foreach (var team in population.Teams.Take(layout.Teams))
        {
            var (owner, other) = (team.Users[0], team.Users[1]);
            var root = await population.As(owner, 0)
                .PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("bench thread root"), ActionKey.NewKey(), ct).ValueOrThrowAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(context.Client.Replica(0), "/api/dms"))
            {
                Content = JsonContent.Create(new CreateDmRequest([other.Id])),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token);
            request.Headers.Add(ApiClient.IdempotencyHeader, ActionKey.NewKey());
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            var dm = (await response.Content.ReadFromJsonAsync<DmDto>(ct))!;
            teams.Add(new MixedTeam(team.Id, owner.Token, root.Id, dm.Id, 2 * layout.ConnectionsPerUser));
        }
        return teams;
    }

    /// <summary>The request of send <paramref name="k"/> in <paramref name="team"/>, and how many connections its push reaches (0: not timed).</summary>
    public static (HttpMethod Method, string Path, object? Body, int Deliveries) Request(long k, MixedTeam team, string body, int teamConnections) => Of(k) switch
    {
        Kind.TeamMessage => (HttpMethod.Post, $"/api/teams/{team.TeamId}/messages", new PostMessageRequest(body), teamConnections),
        Kind.Reply => (HttpMethod.Post, $"/api/teams/{team.TeamId}/messages", new PostMessageRequest(body, team.RootId), teamConnections),
        Kind.Dm => (HttpMethod.Post, $"/api/dms/{team.DmId}/messages", new PostMessageRequest(body), team.DmConnections),
        _ => (k / 10 % 2 == 0 ? HttpMethod.Put : HttpMethod.Delete,
            $"/api/teams/{team.TeamId}/messages/{team.RootId}/reactions/{Uri.EscapeDataString(Emoji)}", null, 0),
    };
}
