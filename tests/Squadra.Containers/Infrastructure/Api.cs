using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Client;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Containers.Infrastructure;

/// <summary>The users and team of the smoke journey, and every message the deployment acknowledged along the way.</summary>
public sealed class Scene(LoginResponse owner, LoginResponse member, TeamDto team)
{
    public LoginResponse Owner { get; } = owner;
    public LoginResponse Member { get; } = member;
    public TeamDto Team { get; } = team;
    public ConcurrentBag<MessageDto> Acknowledged { get; } = [];
}

/// <summary>The public API as a client uses it.</summary>
public static class Api
{
    public const string Password = "correct horse battery";

    public static HttpClient Client(Uri baseAddress, TimeSpan? timeout = null) =>
        new() { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public static string? ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues(Contracts.Operations.ServedBy.HeaderName, out var values) ? values.FirstOrDefault() : null;

    public static async Task<LoginResponse> SignUpAsync(HttpClient client)
    {
        var username = $"ctr_{Guid.NewGuid():N}"[..20];
        using (var register = await client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, Password)))
        {
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            Assert.Contains(ServedBy(register), ComposeDeployment.Replicas);
        }
        using var login = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(username, Password));
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<LoginResponse>())!;
    }

    public static HttpRequestMessage Authorized(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }
        return request;
    }

    /// <summary>Squadra.Client's typed API as <paramref name="who"/>, for the scene's setting (not for what is measured).</summary>
    public static ApiClient As(HttpClient client, LoginResponse who) => new(client, new FixedToken(who.AccessToken), TimeProvider.System);

    /// <summary>A team owned by <paramref name="owner"/> that <paramref name="member"/> joined by invitation.</summary>
    public static async Task<TeamDto> TeamOfTwoAsync(HttpClient client, LoginResponse owner, LoginResponse member)
    {
        var asOwner = As(client, owner);
        var team = await asOwner.CreateTeamAsync(new CreateTeamRequest("Containers"), ActionKey.NewKey()).ValueOrThrowAsync();
        var invitation = await asOwner.InviteAsync(team.Id, new InviteRequest(member.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();
        await As(client, member).AcceptInvitationAsync(invitation.Id, ActionKey.NewKey()).ValueOrThrowAsync();
        return team;
    }

    // What is measured or checked below stays on the wire: one attempt each (no client retries hiding a failure),
    // and the history read as the oracle of what the deployment kept.

    /// <summary>One attempt at posting a message with the given Idempotency-Key: the message, or null with why not.</summary>
    public static async Task<(MessageDto? Message, string? ServedBy, string? Failure)> TryPostMessageAsync(
        HttpClient client, Scene scene, string body, string key)
    {
        try
        {
            using var request = Authorized(HttpMethod.Post, $"/api/teams/{scene.Team.Id}/messages", scene.Owner.AccessToken, new PostMessageRequest(body));
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Created
                ? ((await response.Content.ReadFromJsonAsync<MessageDto>())!, ServedBy(response), null)
                : (null, ServedBy(response), $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (null, null, e.GetType().Name);
        }
    }

    /// <summary>The team's whole history, page by page.</summary>
    public static async Task<List<MessageDto>> HistoryAsync(HttpClient client, Scene scene)
    {
        var all = new List<MessageDto>();
        while (true)
        {
            var after = all.Count == 0 ? 0 : all[^1].Seq;
            using var request = Authorized(HttpMethod.Get, $"/api/teams/{scene.Team.Id}/messages?after={after}&limit=200", scene.Member.AccessToken);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var page = (await response.Content.ReadFromJsonAsync<List<MessageDto>>())!;
            if (page.Count == 0)
            {
                return all;
            }
            all.AddRange(page);
        }
    }
}
