using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>What every browser journey needs: Debian's Chromium, a context per person, a UI login.</summary>
public abstract class BrowserJourney(RunningStack stack) : IAsyncLifetime
{
    protected const string Password = "correct horse battery";
    protected const float Patience = 30_000;

    protected RunningStack Stack { get; } = stack;

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync() => (_playwright, _browser) = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>
    /// A browser speaking British English unless told otherwise: the app writes times as the browser's language does
    /// (24 hours here, "6:30 PM" in en-US), so a journey's times do not depend on the machine's language.
    /// </summary>
    protected Task<IBrowserContext> NewContextAsync(string locale = "en-GB", string? timeZone = null) =>
        _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Stack.Gateway.ToString(), Locale = locale, TimezoneId = timeZone });

    /// <summary>A window of this size; below 500 px wide, a phone (touch, mobile viewport).</summary>
    protected Task<IBrowserContext> NewContextAsync(int width, int height) =>
        _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Stack.Gateway.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = width < 500,
            HasTouch = width < 500,
            Locale = "en-GB",
        });

    protected static async Task<IPage> LogInAsync(IBrowserContext context, string username)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(username, new() { Timeout = Patience });
        return page;
    }

    /// <summary>Full loads of the document from now on; the single-page app itself navigates without any.</summary>
    protected static Func<int> CountFullPageLoads(IPage page)
    {
        var loads = 0;
        page.Load += (_, _) => Interlocked.Increment(ref loads);
        return () => Volatile.Read(ref loads);
    }
}
