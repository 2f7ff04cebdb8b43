using System.Text.Json;
using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// The app as an installable one (issue 21, web push): its service worker registers for the whole app, its manifest
/// is served and says what an installed app needs, and push is offered on the profile page without being asked for on
/// load. (Headless Chromium reaches no real push service, so the subscription itself is the API tests' and bUnit's.)
/// </summary>
[Collection(StackCollection.Name)]
public sealed class InstallableAppTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task TheServiceWorkerRegistersAndTheManifestDescribesAnInstallableApp()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var scope = await page.EvaluateAsync<string>("async () => (await navigator.serviceWorker.ready).scope");
        Assert.Equal("/", new Uri(scope).AbsolutePath);

        var manifest = JsonDocument.Parse(await page.EvaluateAsync<string>(
            """
            async () => {
              const response = await fetch(document.querySelector('link[rel=manifest]').href);
              return JSON.stringify({ status: response.status, type: response.headers.get('content-type'), body: await response.json() });
            }
            """)).RootElement;
        Assert.Equal(200, manifest.GetProperty("status").GetInt32());
        Assert.StartsWith("application/manifest+json", manifest.GetProperty("type").GetString(), StringComparison.Ordinal);
        var body = manifest.GetProperty("body");
        Assert.Equal("Squadra", body.GetProperty("name").GetString());
        Assert.Equal("/", body.GetProperty("start_url").GetString());
        Assert.Equal("standalone", body.GetProperty("display").GetString());
        var icons = body.GetProperty("icons").EnumerateArray().ToList();
        Assert.Equal(["192x192", "512x512"], icons.Select(i => i.GetProperty("sizes").GetString()));
        foreach (var icon in icons)
        {
            var fetched = await page.EvaluateAsync<string>(
                "async src => { const r = await fetch(src); return r.status + ' ' + r.headers.get('content-type'); }", icon.GetProperty("src").GetString());
            Assert.Equal("200 image/png", fetched);
        }
    }

    [Fact]
    public async Task PushIsOfferedOnTheProfilePageAndNotAskedForOnLoad()
    {
        using var client = Stack.Client();
        var person = await RunningStack.SignUpAsync(client, "Pia Push");
        await using var context = await NewContextAsync();
        var page = await LogInAsync(context, person.User.Username);

        // Nobody asked: the permission is still the browser's default.
        Assert.NotEqual("granted", await page.EvaluateAsync<string>("() => Notification.permission"));
        await page.GotoAsync("/profile");

        await Assertions.Expect(page.Locator("[data-testid=push-turn-on], [data-testid=push-denied]")).ToBeVisibleAsync(new() { Timeout = Patience });
    }
}
