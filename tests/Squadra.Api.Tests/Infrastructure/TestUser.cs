using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>A registered, logged-in person talking to one replica through the public API.</summary>
public sealed class TestUser(HttpClient client, LoginResponse login)
{
    public HttpClient Client { get; } = client;
    public UserDto User => login.User;
    public string Token => login.AccessToken;
    public string Username => login.User.Username;

    public static async Task<TestUser> SignUpAsync(HttpClient client, string prefix = "user") =>
        new(client, await client.SignUpAsync(prefix));

    /// <summary>The same person talking to another replica.</summary>
    public TestUser On(HttpClient other) => new(other, login);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await Client.SendAsync(request);
    }

    public async Task<T> SendOkAsync<T>(HttpMethod method, string path, object? body = null)
    {
        using var response = await SendAsync(method, path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public Task<TeamDto> CreateTeamAsync(string? name = null) =>
        SendOkAsync<TeamDto>(HttpMethod.Post, "/api/teams", new CreateTeamRequest(name ?? $"Team {Guid.NewGuid():N}"[..13], "A test team"));

    public Task<InvitationDto> InviteAsync(TeamDto team, TestUser invitee) =>
        SendOkAsync<InvitationDto>(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(invitee.Username));

    public Task<TeamDto> AcceptAsync(InvitationDto invitation) =>
        SendOkAsync<TeamDto>(HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept");

    /// <summary>Invites <paramref name="member"/> and has them accept: they are a member afterwards.</summary>
    public async Task AddMemberAsync(TeamDto team, TestUser member, string role = TeamRoles.Member)
    {
        await member.AcceptAsync(await InviteAsync(team, member));
        if (role != TeamRoles.Member)
        {
            await SendOkAsync<MemberDto>(HttpMethod.Put, $"/api/teams/{team.Id}/members/{member.User.Id}/role", new ChangeRoleRequest(role));
        }
    }
}
