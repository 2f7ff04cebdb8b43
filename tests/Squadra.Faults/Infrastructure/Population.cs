using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Faults.Infrastructure;

public sealed record Session(string Token, string UserId, string Username);

/// <summary>
/// The accounts of the workload, signed up once for the whole suite (logins are rate limited per
/// client address): <see cref="Writers"/> post messages and events in every team, each of the
/// <see cref="Subscribers"/> is a member of two of the three teams of a run, <see cref="Reader"/> probes reads.
/// </summary>
public sealed class Population
{
    public const int WriterCount = 4;
    public const int SubscriberCount = 4;
    public const int TeamCount = 3;

    private Population(IReadOnlyList<Session> writers, IReadOnlyList<Session> subscribers, Session reader)
    {
        Writers = writers;
        Subscribers = subscribers;
        Reader = reader;
    }

    public IReadOnlyList<Session> Writers { get; }

    public IReadOnlyList<Session> Subscribers { get; }

    public Session Reader { get; }

    public static async Task<Population> SignUpAsync(Uri gateway)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        var prefix = $"f{Guid.NewGuid():N}"[..9];
        async Task<Session> One(string role, int n)
        {
            var username = $"{prefix}_{role}{n}";
            const string password = "fault tolerant 7";
            using (var register = await client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, password)))
            {
                register.EnsureSuccessStatusCode();
            }
            using var login = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(username, password));
            login.EnsureSuccessStatusCode();
            var session = (await login.Content.ReadFromJsonAsync<LoginResponse>())!;
            return new Session(session.AccessToken, session.User.Id, username);
        }
        var writers = new List<Session>();
        for (var i = 0; i < WriterCount; i++)
        {
            writers.Add(await One("w", i));
        }
        var subscribers = new List<Session>();
        for (var i = 0; i < SubscriberCount; i++)
        {
            subscribers.Add(await One("s", i));
        }
        return new Population(writers, subscribers, await One("r", 0));
    }

    /// <summary>The writer who shares a direct message with subscriber <paramref name="index"/>.</summary>
    public static int WriterOfDm(int index) => index % WriterCount;

    /// <summary>The teams subscriber <paramref name="index"/> belongs to: two of the three, a different pair each.</summary>
    public static IReadOnlyList<int> TeamsOfSubscriber(int index) => [index % TeamCount, (index + 1) % TeamCount];

    /// <summary>
    /// Fresh teams for one fault run: the first writer owns them, every writer and the reader are members,
    /// each subscriber joins its two by invitation. Returns the team ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateTeamsAsync(Uri gateway, string label)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        var owner = Writers[0];
        var teams = new List<string>();
        for (var t = 0; t < TeamCount; t++)
        {
            var team = await SendAsync<TeamDto>(client, owner, HttpMethod.Post, "/api/teams", new CreateTeamRequest($"{label} {t}"));
            var members = Writers.Skip(1).Append(Reader).Concat(Subscribers.Where((_, s) => TeamsOfSubscriber(s).Contains(t)));
            foreach (var member in members)
            {
                var invitation = await SendAsync<InvitationDto>(client, owner, HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(member.Username));
                await SendAsync<TeamDto>(client, member, HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept", null);
            }
            teams.Add(team.Id);
        }
        return teams;
    }

    /// <summary>
    /// Fresh direct messages for one fault run (after the teams: a DM needs a shared team), one per subscriber, with the
    /// writer <see cref="WriterOfDm"/> names. Returns the DM ids, by subscriber.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateDmsAsync(Uri gateway)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        var dms = new List<string>();
        for (var s = 0; s < Subscribers.Count; s++)
        {
            var dm = await SendAsync<DmDto>(client, Writers[WriterOfDm(s)], HttpMethod.Post, "/api/dms", new CreateDmRequest([Subscribers[s].UserId]));
            dms.Add(dm.Id);
        }
        return dms;
    }

    /// <summary>One request, retried with the same Idempotency-Key while the system answers 5xx or not at all (setup runs between faults).</summary>
    public static async Task<T> SendAsync<T>(HttpClient client, Session session, HttpMethod method, string path, object? body)
    {
        var key = Guid.NewGuid().ToString();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(method, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
                request.Headers.Add("Idempotency-Key", key);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, body.GetType());
                }
                using var response = await client.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<T>())!;
                }
                if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
                {
                    throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
                }
            }
            catch (HttpRequestException e) when (e.StatusCode is null or >= HttpStatusCode.InternalServerError && DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(250);
        }
    }
}
