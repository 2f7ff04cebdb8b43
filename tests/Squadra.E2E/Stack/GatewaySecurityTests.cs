using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Realtime;
using Squadra.Contracts.Realtime;
using Squadra.Contracts.Teams;
using Squadra.E2E.Browser;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Stack;

#pragma warning disable CA1416 // Linux only: Unix file modes

/// <summary>
/// What the outside audit found at the gateway (issue 15): tokens in the access log, no browser security headers,
/// operations endpoints open to any user, nginx's HTML for an oversized body. Checked on the stack ./run.sh starts.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class GatewaySecurityTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task TheAppRunsUnderItsContentSecurityPolicyWithoutAViolation()
    {
        using var http = Stack.Client();
        using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        var policy = string.Join(';', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(page.Headers.GetValues("Referrer-Policy")));

        using var client = Stack.Client();
        var user = await RunningStack.SignUpAsync(client);
        await using var context = await NewContextAsync();
        var violations = new List<string>();
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        var browserPage = await LogInAsync(context, user.User.Username);
        // The realtime connection (WebSocket to 'self') comes up under the policy too.
        await Assertions.Expect(browserPage.Locator("[data-testid=current-user]")).ToContainTextAsync(user.User.Username);
        await browserPage.WaitForTimeoutAsync(2000);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task NoTokenOfAHubConnectionOrACalendarFeedReachesAnyLog()
    {
        using var client = Stack.Client();
        var user = await RunningStack.SignUpAsync(client);
        var api = ApiCalls.As(client, user);
        await api.CreateTeamAsync(new CreateTeamRequest("Loggers"), ActionKey.NewKey()).ValueOrThrowAsync();
        await using (var hub = HubConnections.Create(Stack.Gateway, () => user.AccessToken))
        {
            await hub.StartSubscribedAsync();
        }
        var feeds = await api.GetCalendarFeedsAsync().ValueOrThrowAsync();
        var feedUrl = Assert.Single(feeds).Url;
        using (var feed = await client.GetAsync(new Uri(feedUrl, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            // No shared cache keeps it; a calendar app's own may, asking again with If-None-Match (docs/api-extensions.md).
            Assert.True(feed.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {feed.Headers.CacheControl}");
        }
        var feedToken = feedUrl[(feedUrl.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        await Task.Delay(1500); // nginx writes its access log as each request ends; supervisord flushes the apps' output

        var logs = Directory.GetFiles(Path.Combine(Stack.StateDirectory, "logs"));
        Assert.NotEmpty(logs);
        foreach (var log in logs)
        {
            var text = await File.ReadAllTextAsync(log);
            Assert.False(text.Contains(user.AccessToken, StringComparison.Ordinal), $"{log} holds a hub access token");
            Assert.False(text.Contains(feedToken, StringComparison.Ordinal), $"{log} holds a calendar-feed token");
            var mode = File.GetUnixFileMode(log);
            Assert.True((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite)) == 0, $"{log} is {mode}");
        }
        Assert.Contains(logs, log => log.EndsWith("gateway-access.log", StringComparison.Ordinal)
            && File.ReadAllText(log).Contains(RealtimeMethods.HubPath, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/v1")]
    [InlineData("/api/cluster")]
    public async Task OperationsEndpointsAreNotServedThroughTheGateway(string path)
    {
        using var gateway = Stack.Client();
        using var refused = await gateway.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var replica = Stack.Client(RunningStack.Api1Port);
        var user = await RunningStack.SignUpAsync(replica);
        using var request = RunningStack.Authorized(HttpMethod.Get, path, user.AccessToken);
        using var direct = await replica.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    [Fact]
    public async Task AnOversizedBodyIsAProblemNotAnHtmlPage()
    {
        using var gateway = Stack.Client();
        using var content = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await gateway.PostAsync(new Uri("/api/auth/register", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":413", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
