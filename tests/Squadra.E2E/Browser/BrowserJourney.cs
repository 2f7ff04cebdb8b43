using Microsoft.Playwright;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Teams;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>What every browser journey needs: Debian's Chromium (the run's <see cref="SharedBrowser"/>), a context per person, a UI login.</summary>
public abstract class BrowserJourney(RunningStack stack, SharedBrowser browser) : IAsyncLifetime
{
    protected const string Password = "correct horse battery";
    protected const float Patience = 30_000;

    protected RunningStack Stack { get; } = stack;

    private IBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await browser.GetAsync();

    // The contexts are the tests' own (await using); the browser is the run's.
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// A browser speaking British English unless told otherwise: the app writes times as the browser's language does
    /// (24 hours here, "6:30 PM" in en-US), so a journey's times do not depend on the machine's language.
    /// </summary>
    protected Task<IBrowserContext> NewContextAsync(string locale = "en-GB", string? timeZone = null) =>
        _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Stack.Gateway.ToString(), Locale = locale, TimezoneId = timeZone });

    /// <summary>A window of this size; below 500 px wide, a phone (touch, mobile viewport); dark if asked (the system's setting the app follows).</summary>
    protected Task<IBrowserContext> NewContextAsync(int width, int height, bool dark = false) =>
        _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Stack.Gateway.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = width < 500,
            HasTouch = width < 500,
            Locale = "en-GB",
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
        });

    /// <summary>
    /// Logs in through the login page, then lands on <paramref name="then"/> if given: the page the login returns to, as a
    /// link opened while signed out does (one load of the app instead of a second one, ~10 s on a 2-core machine).
    /// </summary>
    protected static async Task<IPage> LogInAsync(IBrowserContext context, string username, string? then = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(then is null ? "/login" : "/login?returnUrl=" + Uri.EscapeDataString(then));
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        // Signed in: the top bar's link to the profile names them (on every page, where the home page's card is on one).
        await page.Locator($"[data-testid=nav-profile][title*='(@{username})']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Patience });
        if (then is not null)
        {
            await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == then, new() { Timeout = Patience });
        }
        return page;
    }

    /// <summary>
    /// Ana Lima on a laptop and Ben Okafor on a phone, the members of a new team (Ana its owner), each signed in on its
    /// chat with axe-core ready: the two people of a journey between devices. Disposing it closes both windows.
    /// </summary>
    protected async Task<LaptopAndPhone> AnaOnALaptopAndBenOnAPhoneAsync(string teamName)
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima", "ana.");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor", "ben.");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"{teamName} {Guid.NewGuid():N}"[..(teamName.Length + 9)]);
        var anaContext = await NewContextAsync(1280, 800);
        var benContext = await NewContextAsync(390, 844);
        try
        {
            await Screens.AddAxeAsync(anaContext);
            await Screens.AddAxeAsync(benContext);
            var anaPage = await LogInAsync(anaContext, ana.User.Username, then: $"/teams/{team.Id}");
            var benPage = await LogInAsync(benContext, ben.User.Username, then: $"/teams/{team.Id}");
            return new LaptopAndPhone(ana, ben, team, anaPage, benPage);
        }
        catch
        {
            await anaContext.DisposeAsync();
            await benContext.DisposeAsync();
            throw;
        }
    }

    protected sealed record LaptopAndPhone(LoginResponse Ana, LoginResponse Ben, TeamDto Team, IPage AnaPage, IPage BenPage) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await AnaPage.Context.DisposeAsync();
            await BenPage.Context.DisposeAsync();
        }
    }

    /// <summary>Full loads of the document from now on; the single-page app itself navigates without any.</summary>
    protected static Func<int> CountFullPageLoads(IPage page)
    {
        var loads = 0;
        page.Load += (_, _) => Interlocked.Increment(ref loads);
        return () => Volatile.Read(ref loads);
    }
}
