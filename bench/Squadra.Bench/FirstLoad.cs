using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Squadra.Contracts.Accounts;

namespace Squadra.Bench;

/// <summary>
/// Issue 22, item 7: the browser app's first load as a visitor meets it, through the gateway, in Debian's Chromium on
/// a simulated 4G link. Each run is a new browser context (empty cache). Measured: bytes transferred (as sent on the
/// wire, compressed, headers included), requests, and the time from navigation until the page can be used — the
/// landing page's "Sign up" link for a visitor; the home page's "Create your first team" button (the team list
/// answered) for someone signed in.
/// </summary>
internal static class FirstLoad
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Chrome DevTools' "Fast 4G" preset: 9 Mbit/s down, 1.5 Mbit/s up, 60 ms added to each round trip. No CPU throttling.</summary>
    public static readonly NetworkProfile Fast4G = new("4G (9 Mbit/s down, 1.5 up, 60 ms)", 9_000_000 / 8, 1_500_000 / 8, 60);

    public static async Task<IReadOnlyList<FirstLoadRow>> RunAsync(Uri web, Uri api, int runs, NetworkProfile profile, CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var session = await SignedInSessionAsync(api, ct);
        var visitor = new List<LoadSample>();
        var member = new List<LoadSample>();
        for (var run = 0; run < runs; run++)
        {
            visitor.Add(await MeasureOnceMoreIfStalledAsync(browser, web, profile, storedSession: null, "[data-testid=landing-sign-up]", ct));
            member.Add(await MeasureOnceMoreIfStalledAsync(browser, web, profile, session, "[data-testid=create-first-team]", ct));
        }
        return [FirstLoadRow.Of("visitor: landing page", profile, visitor), FirstLoadRow.Of("signed in: home page", profile, member)];
    }

    /// <summary>A new user's session as the browser app stores it (AuthSession: the login response under "squadra.session").</summary>
    private static async Task<string> SignedInSessionAsync(Uri api, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        var username = $"firstload_{Guid.NewGuid():N}"[..20];
        const string password = "first load bench pw";
        using (var registered = await http.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, password), JsonSerializerOptions.Web, ct))
        {
            registered.EnsureSuccessStatusCode();
        }
        using var login = await http.PostAsJsonAsync("/api/auth/login", new LoginRequest(username, password), JsonSerializerOptions.Web, ct);
        login.EnsureSuccessStatusCode();
        return await login.Content.ReadAsStringAsync(ct);
    }

    /// <summary>
    /// One CI run (load 12, after the fault suite) once waited 120 s for a signed-in home page that never became usable,
    /// and 13 s is usual: what the page showed, logged and failed is printed, and the load measured again in a new
    /// context. A second stall fails the run with the same account of it.
    /// </summary>
    private static async Task<LoadSample> MeasureOnceMoreIfStalledAsync(IBrowser browser, Uri web, NetworkProfile profile, string? storedSession, string readySelector, CancellationToken ct)
    {
        try
        {
            return await MeasureAsync(browser, web, profile, storedSession, readySelector, ct);
        }
        catch (FirstLoadStalledException stalled)
        {
            Console.WriteLine($"  WARN first load stalled, measured again: {stalled.Message}");
            return await MeasureAsync(browser, web, profile, storedSession, readySelector, ct);
        }
    }

    private static async Task<LoadSample> MeasureAsync(IBrowser browser, Uri web, NetworkProfile profile, string? storedSession, string readySelector, CancellationToken ct)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        if (storedSession is not null)
        {
            await context.AddInitScriptAsync($"localStorage.setItem('squadra.session', {JsonSerializer.Serialize(storedSession)});");
        }
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        long bytes = 0;
        var requests = 0;
        var encodings = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is { } finished)
            {
                Interlocked.Add(ref bytes, (long)finished.GetProperty("encodedDataLength").GetDouble());
                Interlocked.Increment(ref requests);
            }
        };
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            // What the largest file, the runtime, came compressed with: brotli only over HTTPS in Chromium.
            if (e is { } received && received.GetProperty("response").GetProperty("url").GetString() is { } url && url.Contains("dotnet.native", StringComparison.Ordinal)
                && url.EndsWith(".wasm", StringComparison.Ordinal))
            {
                var headers = received.GetProperty("response").GetProperty("headers");
                foreach (var header in headers.EnumerateObject())
                {
                    if (header.Name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase))
                    {
                        lock (encodings)
                        {
                            encodings.Add(header.Value.GetString() ?? "");
                        }
                    }
                }
            }
        };
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = profile.LatencyMs,
            ["downloadThroughput"] = profile.DownloadBytesPerSecond,
            ["uploadThroughput"] = profile.UploadBytesPerSecond,
        });
        var trouble = new PageTrouble(page);
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(web, "/").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        try
        {
            await page.Locator(readySelector).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 120_000 });
        }
        catch (TimeoutException)
        {
            throw new FirstLoadStalledException($"{readySelector} not visible after {clock.Elapsed.TotalSeconds:F0} s; {await trouble.DescribeAsync()}");
        }
        var interactive = clock.Elapsed;
        // Whatever the page still fetches once usable (the hub connection, late requests) counts as first load too.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 30_000 });
        ct.ThrowIfCancellationRequested();
        string encoding;
        lock (encodings)
        {
            encoding = encodings.Count == 0 ? "none" : string.Join('/', encodings);
        }
        return new LoadSample(interactive, Interlocked.Read(ref bytes), requests, encoding);
    }
}

/// <summary>What a page reported going wrong while it loaded: errors in its console, uncaught exceptions, failed or refused requests.</summary>
internal sealed class PageTrouble
{
    private readonly IPage _page;
    private readonly List<string> _events = [];

    public PageTrouble(IPage page)
    {
        _page = page;
        page.Console += (_, message) => Note(message.Type == "error" ? $"console: {message.Text}" : null);
        page.PageError += (_, error) => Note($"uncaught: {error}");
        page.RequestFailed += (_, request) => Note($"failed: {request.Method} {request.Url} ({request.Failure})");
        page.Response += (_, response) => Note(response.Status >= 400 ? $"{response.Status}: {response.Request.Method} {response.Url}" : null);
    }

    private void Note(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_events)
        {
            _events.Add(line);
        }
    }

    public async Task<string> DescribeAsync()
    {
        string shown;
        try
        {
            var text = await _page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 });
            shown = text.ReplaceLineEndings(" | ");
            shown = shown.Length > 300 ? shown[..300] + "…" : shown;
        }
        catch (PlaywrightException e)
        {
            shown = $"(unreadable: {e.Message})";
        }
        lock (_events)
        {
            var events = _events.Count == 0 ? "none" : string.Join("; ", _events.TakeLast(15));
            return $"at {_page.Url} the page showed \"{shown}\"; trouble: {events}";
        }
    }
}

internal sealed class FirstLoadStalledException(string message) : Exception(message);

internal sealed record NetworkProfile(string Name, int DownloadBytesPerSecond, int UploadBytesPerSecond, int LatencyMs);

internal sealed record LoadSample(TimeSpan Interactive, long Bytes, int Requests, string RuntimeEncoding);

/// <summary>One page's runs: the median and the worst time to interactive, the median transfer.</summary>
internal sealed record FirstLoadRow(string Page, string Profile, int Runs, double MedianSeconds, double MaxSeconds, long MedianBytes, int Requests, string RuntimeEncoding)
{
    public static FirstLoadRow Of(string page, NetworkProfile profile, IReadOnlyList<LoadSample> samples)
    {
        var times = samples.Select(s => s.Interactive.TotalSeconds).Order().ToList();
        var bytes = samples.Select(s => s.Bytes).Order().ToList();
        return new FirstLoadRow(page, profile.Name, samples.Count, times[times.Count / 2], times[^1], bytes[bytes.Count / 2],
            samples[^1].Requests, samples[^1].RuntimeEncoding);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"  {Page,-24} {Profile}: interactive after {MedianSeconds:F2} s (median of {Runs}; worst {MaxSeconds:F2} s), {MedianBytes / 1_000_000.0:F2} MB in {Requests} requests, runtime sent {RuntimeEncoding}");
}
