using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Tests.Routing;

/// <summary>
/// Ids in paths are UUIDs bound by a route constraint (docs/api-extensions.md, "ids in paths"): a malformed one
/// matches no route, and the answer is the same 404 problem as for an unknown id, on every path that names something.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MalformedIdTests(ApiCluster cluster)
{
    [Fact]
    public async Task EveryPathWithAMalformedIdIsANotFoundProblem()
    {
        var user = await cluster.NewUserAsync();
        var team = await user.CreateTeamAsync();
        const string bad = "not-a-uuid";
        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/api/teams/{bad}", null),
            (HttpMethod.Delete, $"/api/teams/{bad}/members/{user.User.Id}", null),
            (HttpMethod.Delete, $"/api/teams/{team.Id}/members/{bad}", null),
            (HttpMethod.Get, $"/api/teams/{bad}/messages", null),
            (HttpMethod.Post, $"/api/teams/{bad}/messages", new PostMessageRequest("hi")),
            (HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{bad}", new EditMessageRequest("hi")),
            (HttpMethod.Put, $"/api/teams/{team.Id}/messages/{bad}/pinned", new PinMessageRequest(true)),
            (HttpMethod.Get, $"/api/teams/{bad}/messages/pinned", null),
            (HttpMethod.Get, $"/api/dms/{bad}/messages/pinned", null),
            (HttpMethod.Get, $"/api/teams/{bad}/events", null),
            (HttpMethod.Get, $"/api/teams/{team.Id}/events/{bad}", null),
            (HttpMethod.Put, $"/api/teams/{team.Id}/events/{bad}/rsvp", new { response = "going" }),
            (HttpMethod.Get, $"/api/teams/{bad}/invitations", null),
            (HttpMethod.Post, $"/api/invitations/{bad}/accept", null),
            (HttpMethod.Delete, $"/api/invitations/{bad}", null),
            (HttpMethod.Get, $"/api/teams/{bad}/events.ics?token=x", null),
            (HttpMethod.Post, $"/api/teams/{bad}/attachments", null),
            (HttpMethod.Post, $"/api/dms/{bad}/attachments", null),
            (HttpMethod.Get, $"/api/attachments/{bad}", null),
            (HttpMethod.Get, $"/api/attachments/{bad}/content?expires=1&signature=x", null),
            (HttpMethod.Get, $"/api/attachments/{bad}/thumbnail?expires=1&signature=x", null),
        };
        foreach (var (method, path, body) in attempts)
        {
            using var response = await user.SendAsync(method, path, body);
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }
}
