using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Events;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.E2E.Infrastructure;

/// <summary>Setting a scene through the public API with Squadra.Client, as the browser app calls it, so that a test spends its time on what it tests.</summary>
public static class ApiCalls
{
    /// <summary>
    /// An event two days ahead whose request for an answer is due 20 s after it is made: the lead is a whole number of
    /// minutes, so the start carries the seconds. The reminder sweep runs every 15 s, so the request arrives 20-35 s
    /// after this call (an event on the hour waited up to 80 s).
    /// </summary>
    public static CreateEventRequest AnswerRequestedSoon(string title, string location, int? capacity = null)
    {
        const int lead = 48 * 60;
        var start = DateTimeOffset.UtcNow.AddMinutes(lead).AddSeconds(20);
        return new(title, start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), Location: location,
            Capacity: capacity, RsvpRequestLeadMinutes: lead);
    }

    /// <summary>The API as <paramref name="who"/> (null: nobody signed in) through <paramref name="client"/>'s address.</summary>
    public static ApiClient As(HttpClient client, LoginResponse? who) => new(client, new FixedToken(who?.AccessToken), TimeProvider.System);

    /// <summary>A team owned by <paramref name="owner"/> that <paramref name="member"/> has joined.</summary>
    public static async Task<TeamDto> TeamOfTwoAsync(HttpClient client, LoginResponse owner, LoginResponse member, string name)
    {
        var asOwner = As(client, owner);
        var team = await asOwner.CreateTeamAsync(new CreateTeamRequest(name), ActionKey.NewKey()).ValueOrThrowAsync();
        var invitation = await asOwner.InviteAsync(team.Id, new InviteRequest(member.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();
        await As(client, member).AcceptInvitationAsync(invitation.Id, ActionKey.NewKey()).ValueOrThrowAsync();
        return team;
    }

    /// <summary>Posts with one Idempotency-Key, trying again as the browser does until the write is acknowledged.</summary>
    public static Task<MessageDto> PostUntilAcknowledgedAsync(HttpClient gateway, string token, string teamId, string body) =>
        PostUntilAcknowledgedAsync(gateway, token, ChatKey.Team(teamId), new PostMessageRequest(body));

    /// <summary>The same in any chat (a team's, a DM's), a reply too.</summary>
    public static Task<MessageDto> PostUntilAcknowledgedAsync(HttpClient gateway, string token, ChatKey chat, PostMessageRequest request)
    {
        var api = new ApiClient(gateway, new FixedToken(token), TimeProvider.System);
        var key = ActionKey.NewKey();
        return UntilAcknowledgedAsync(() => api.PostMessageAsync(chat, request, key), $"'{request.Body}'");
    }

    /// <summary>A DM between <paramref name="caller"/> and <paramref name="other"/> (who share a team), through the public API.</summary>
    public static async Task<DmDto> OpenDmAsync(HttpClient client, LoginResponse caller, LoginResponse other)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dms") { Content = JsonContent.Create(new CreateDmRequest([other.User.Id])) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.AccessToken);
        request.Headers.Add("Idempotency-Key", ActionKey.NewKey());
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DmDto>())!;
    }

    /// <summary>
    /// Calls until the write is acknowledged (a 5xx or no answer: the backend is briefly away), as the browser does.
    /// Only for a call that is safe to repeat: a post with one key, an edit to one body, a reaction.
    /// </summary>
    public static async Task<T> UntilAcknowledgedAsync<T>(Func<Task<ApiResult<T>>> call, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var answer = await call();
            if (answer.IsSuccess)
            {
                return answer.Value;
            }
            if (answer.Problem.Status is > 0 and < 500)
            {
                throw new InvalidOperationException($"{what} was refused: {answer.Problem.Status} {answer.Problem.Message}");
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"{what} was not acknowledged within 20 s");
            }
            await Task.Delay(100);
        }
    }
}
