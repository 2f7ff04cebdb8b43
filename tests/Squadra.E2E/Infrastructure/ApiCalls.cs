using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.E2E.Infrastructure;

/// <summary>Setting a scene through the public API, so that a test spends its time on what it tests.</summary>
public static class ApiCalls
{
    public static async Task<T> SendAsync<T>(HttpClient client, string token, HttpMethod method, string path, object? body)
    {
        using var request = RunningStack.Authorized(method, path, token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>A team owned by <paramref name="owner"/> that <paramref name="member"/> has joined.</summary>
    public static async Task<TeamDto> TeamOfTwoAsync(HttpClient client, LoginResponse owner, LoginResponse member, string name)
    {
        var team = await SendAsync<TeamDto>(client, owner.AccessToken, HttpMethod.Post, "/api/teams", new CreateTeamRequest(name));
        var invitation = await SendAsync<InvitationDto>(client, owner.AccessToken, HttpMethod.Post, $"/api/teams/{team.Id}/invitations",
            new InviteRequest(member.User.Username));
        await SendAsync<TeamDto>(client, member.AccessToken, HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept", null);
        return team;
    }

    /// <summary>Posts with one Idempotency-Key, retrying as the browser does until the write is acknowledged.</summary>
    public static async Task<MessageDto> PostUntilAcknowledgedAsync(HttpClient gateway, string token, string teamId, string body)
    {
        var key = Guid.NewGuid().ToString();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var request = RunningStack.Authorized(HttpMethod.Post, $"/api/teams/{teamId}/messages", token);
                request.Headers.Add("Idempotency-Key", key);
                request.Content = JsonContent.Create(new PostMessageRequest(body));
                using var response = await gateway.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"'{body}' was not acknowledged within 20 s");
            }
            await Task.Delay(100);
        }
    }
}
