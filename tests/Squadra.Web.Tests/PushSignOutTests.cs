using System.Net;

namespace Squadra.Web.Tests;

public sealed class PushSignOutTests : SquadraTestContext
{
    [Fact]
    public async Task LoggingOutEndsThisBrowsersPushForTheUserBeforeTheTokenGoes()
    {
        var browser = JSInterop.SetupModule("./js/push.js");
        browser.Setup<string?>("state", call => Equals(call.Arguments[0], Alice.Id)).SetResult("on");
        browser.Setup<string?>("unsubscribe", _ => true).SetResult("https://push.example.org/send/abc");
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Delete, "/api/push/subscriptions", HttpStatusCode.NoContent)
            .Answer(HttpMethod.Post, "/api/auth/logout", HttpStatusCode.NoContent);

        var page = Render<Logout>();

        page.WaitForAssertion(() => Assert.Equal("/login", CurrentPath));
        var delete = Assert.Single(Api.To(HttpMethod.Delete, "/api/push/subscriptions"));
        Assert.Equal("Bearer token-alice", delete.Headers.Authorization!.ToString());
        Assert.True(Api.Requests.IndexOf(delete) < Api.Requests.IndexOf(Api.To(HttpMethod.Post, "/api/auth/logout").Single()));
    }

    [Fact]
    public async Task LoggingOutWithoutPushHereAsksTheServerNothingAboutPush()
    {
        JSInterop.SetupModule("./js/push.js").Setup<string?>("state", _ => true).SetResult("off");
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Post, "/api/auth/logout", HttpStatusCode.NoContent);

        var page = Render<Logout>();

        page.WaitForAssertion(() => Assert.Equal("/login", CurrentPath));
        Assert.Empty(Api.To(HttpMethod.Delete, "/api/push/subscriptions"));
        Assert.False(Session.IsSignedIn);
    }
}
