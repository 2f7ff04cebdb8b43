using System.Net;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;
using static Squadra.Client.Tests.ScriptedServer;

namespace Squadra.Client.Tests;

public sealed class ApiClientRetryTests
{
    static readonly MessageDto s_message = new("m-1", "t-1", 1, new("u-1", "alice", "Alice"), "hi", DateTimeOffset.UnixEpoch, null, false);
    static readonly InstantClock s_clock = new();

    [Fact]
    public async Task ARateLimitedWriteIsSentAgainAfterTheRetryAfterTheServerGave()
    {
        var server = new ScriptedServer(Status(HttpStatusCode.TooManyRequests, retryAfter: "2"), Json(HttpStatusCode.OK, s_message));
        var clock = new InstantClock();

        // An edit carries no Idempotency-Key: a 429 is still safe to repeat, the limiter refused it before anything was done.
        var edited = await server.Client(new FixedToken("t"), clock).EditMessageAsync(ChatKey.Team("t-1"), "m-1", new EditMessageRequest("hi"));

        Assert.True(edited.IsSuccess);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.Waits);
    }

    [Fact]
    public async Task ALongRetryAfterIsToldToTheCallerInsteadOfWaitedOut()
    {
        var server = new ScriptedServer(Status(HttpStatusCode.TooManyRequests, retryAfter: "900"));

        var created = await server.Client(new FixedToken("t"), s_clock).CreateTeamAsync(new CreateTeamRequest("Choir"), "key-1");

        Assert.Equal(429, created.Problem?.Status);
        Assert.Equal(TimeSpan.FromMinutes(15), created.Problem?.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ARateLimitWithoutRetryAfterIsToldToTheCaller()
    {
        var server = new ScriptedServer(Status(HttpStatusCode.TooManyRequests), Json(HttpStatusCode.OK, s_message));

        var edited = await server.Client(new FixedToken("t"), s_clock).EditMessageAsync(ChatKey.Team("t-1"), "m-1", new EditMessageRequest("hi"));

        Assert.Equal(429, edited.Problem?.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AReactionIsTriedAgainAfterA503ForAddingItTwiceChangesNothing()
    {
        var server = new ScriptedServer(Status(HttpStatusCode.ServiceUnavailable, retryAfter: "1"), NoAnswer, Json(HttpStatusCode.OK, s_message));

        var reacted = await server.Client(new FixedToken("t"), s_clock).AddReactionAsync(ChatKey.Team("t-1"), "m-1", "👍");

        Assert.True(reacted.IsSuccess);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal((HttpMethod.Put, "/api/teams/t-1/messages/m-1/reactions/%F0%9F%91%8D"), (r.Method, r.RequestUri!.AbsolutePath)));
    }

    [Fact]
    public async Task AWriteWithoutAKeyIsNotRepeatedAfterA503BecauseItMayHaveHappened()
    {
        var server = new ScriptedServer(Status(HttpStatusCode.ServiceUnavailable, retryAfter: "1"), Json(HttpStatusCode.OK, s_message));

        var edited = await server.Client(new FixedToken("t"), s_clock).EditMessageAsync(ChatKey.Team("t-1"), "m-1", new EditMessageRequest("hi"));

        Assert.Equal(503, edited.Problem?.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AWriteWithAKeyIsRepeatedWithTheSameKeyAfterA503()
    {
        var server = new ScriptedServer(Status(HttpStatusCode.ServiceUnavailable, retryAfter: "1"), Json(HttpStatusCode.Created, s_message));
        var clock = new InstantClock();

        var posted = await server.Client(new FixedToken("t"), clock).PostMessageAsync(ChatKey.Team("t-1"), new PostMessageRequest("hi"), "key-1");

        Assert.True(posted.IsSuccess);
        Assert.All(server.Requests, r => Assert.Equal("key-1", r.Headers.GetValues(ApiClient.IdempotencyHeader).Single()));
        Assert.Equal([TimeSpan.FromSeconds(1)], clock.Waits);
    }

    [Fact]
    public async Task AReadWithoutAnswerIsTriedThreeTimesWithGrowingPausesThenReportedUnreachable()
    {
        var server = new ScriptedServer(NoAnswer);
        var clock = new InstantClock();

        var teams = await server.Client(new FixedToken("t"), clock).GetTeamsAsync();

        Assert.Same(ApiProblem.Unreachable, teams.Problem);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)], clock.Waits);
    }

    [Fact]
    public async Task AServerErrorIsABugAndNeverRetried()
    {
        var server = new ScriptedServer(Status(HttpStatusCode.InternalServerError), Json(HttpStatusCode.OK, new List<TeamDto>()));

        var teams = await server.Client(new FixedToken("t"), s_clock).GetTeamsAsync();

        Assert.Equal(500, teams.Problem?.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ARefusedTokenEndsTheSessionAndTheTokenIsSentAsBearer()
    {
        var server = new ScriptedServer(Status(HttpStatusCode.Unauthorized));
        var session = new CountingSession();

        var me = await server.Client(session, s_clock).GetMeAsync();

        Assert.Equal(401, me.Problem?.Status);
        Assert.Equal(1, session.Rejections);
        Assert.Equal("Bearer secret", server.Requests.Single().Headers.Authorization?.ToString());
    }

    sealed class CountingSession : ISessionToken
    {
        public int Rejections { get; private set; }

        public string? AccessToken => "secret";

        public Task RejectedAsync()
        {
            Rejections++;
            return Task.CompletedTask;
        }
    }
}
