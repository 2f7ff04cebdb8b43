using System.Net;
using Squadra.Contracts.Push;
using Squadra.Web.Features.Push;

namespace Squadra.Web.Tests;

public sealed class PushSwitchTests : SquadraTestContext
{
    static readonly PushSubscriptionRequest s_browser = new("https://push.example.org/send/abc", new PushSubscriptionKeys("BPkey", "authsecret"));

    BunitJSModuleInterop Browser(string state)
    {
        var module = JSInterop.SetupModule("./js/push.js");
        module.Setup<string?>("state", _ => true).SetResult(state);
        return module;
    }

    [Fact]
    public async Task NothingIsAskedOfTheBrowserOrTheServerUntilTheUserClicks()
    {
        var browser = Browser("off");
        await SignInAsync(Alice);

        var panel = Render<PushSwitch>();

        panel.WaitForAssertion(() => panel.Find("[data-testid=push-turn-on]"));
        Assert.DoesNotContain(browser.Invocations, call => call.Identifier == "subscribe");
        Assert.DoesNotContain(Api.Requests, r => r.RequestUri!.AbsolutePath.StartsWith("/api/push", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TurningOnSubscribesWithTheServersKeyAndSendsTheSubscription()
    {
        var browser = Browser("off");
        browser.Setup<PushSubscriptionRequest?>("subscribe", _ => true).SetResult(s_browser);
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/push/public-key", HttpStatusCode.OK, new PushPublicKeyDto("BServerKey"))
            .Answer(HttpMethod.Post, "/api/push/subscriptions", HttpStatusCode.Created, new PushSubscriptionDto(s_browser.Endpoint, DateTimeOffset.UtcNow));
        var panel = Render<PushSwitch>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=push-turn-on]"));

        panel.Find("[data-testid=push-turn-on]").Click();

        panel.WaitForAssertion(() => Assert.Equal("On for this browser.", panel.Find("[data-testid=push-on-notice]").TextContent));
        var subscribe = Assert.Single(browser.Invocations, call => call.Identifier == "subscribe");
        Assert.Equal(["BServerKey", Alice.Id], subscribe.Arguments);
        Assert.Equal("""{"endpoint":"https://push.example.org/send/abc","keys":{"p256dh":"BPkey","auth":"authsecret"}}""",
            Api.BodyOf(Api.To(HttpMethod.Post, "/api/push/subscriptions").Single()));
    }

    [Fact]
    public async Task TurningOffEndsTheBrowsersSubscriptionAndTellsTheServer()
    {
        var browser = Browser("on");
        browser.Setup<string?>("unsubscribe", _ => true).SetResult(s_browser.Endpoint);
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Delete, "/api/push/subscriptions", HttpStatusCode.NoContent);
        var panel = Render<PushSwitch>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=push-turn-off]"));

        panel.Find("[data-testid=push-turn-off]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=push-turn-on]"));
        var delete = Assert.Single(Api.To(HttpMethod.Delete, "/api/push/subscriptions"));
        Assert.Equal($"?endpoint={Uri.EscapeDataString(s_browser.Endpoint)}", delete.RequestUri!.Query);
    }

    [Fact]
    public async Task ARefusalOfTheServerUndoesTheBrowsersSubscriptionAndIsShown()
    {
        var browser = Browser("off");
        browser.Setup<PushSubscriptionRequest?>("subscribe", _ => true).SetResult(s_browser);
        browser.Setup<string?>("unsubscribe", _ => true).SetResult(s_browser.Endpoint);
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/push/public-key", HttpStatusCode.OK, new PushPublicKeyDto("BServerKey"))
            .AnswerProblem(HttpMethod.Post, "/api/push/subscriptions", HttpStatusCode.BadRequest, "endpoint must be an https:// URL (a browser's push service).");
        var panel = Render<PushSwitch>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=push-turn-on]"));

        panel.Find("[data-testid=push-turn-on]").Click();

        panel.WaitForAssertion(() => Assert.Contains("https://", panel.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.Single(browser.Invocations, call => call.Identifier == "unsubscribe");
        Assert.Single(panel.FindAll("[data-testid=push-turn-on]"));
    }

    [Fact]
    public async Task NotificationsBlockedInTheBrowserSayWhereToAllowThem()
    {
        Browser("denied");
        await SignInAsync(Alice);

        var panel = Render<PushSwitch>();

        panel.WaitForAssertion(() => Assert.Contains("browser's settings", panel.Find("[data-testid=push-denied]").TextContent, StringComparison.Ordinal));
        Assert.Empty(panel.FindAll("[data-testid=push-turn-on]"));
    }

    [Fact]
    public async Task AServerWithoutPushSaysSo()
    {
        Browser("off");
        await SignInAsync(Alice);
        Api.AnswerProblem(HttpMethod.Get, "/api/push/public-key", HttpStatusCode.NotFound, "This server has no VAPID keys: web push is not set up.");
        var panel = Render<PushSwitch>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=push-turn-on]"));

        panel.Find("[data-testid=push-turn-on]").Click();

        panel.WaitForAssertion(() => Assert.Equal("Push notifications are not set up on this server.", panel.Find("[data-testid=form-error]").TextContent.Trim()));
    }
}
