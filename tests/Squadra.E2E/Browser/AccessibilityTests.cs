using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.Contracts.Invitations;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 22: Deque's axe-core (from npm, tests/clients/axe) finds no serious or critical violation on any main screen,
/// signed out and in, at a laptop's and a phone's size. Lesser findings are axe's "moderate"/"minor" (best practices).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AccessibilityTests(RunningStack stack) : BrowserJourney(stack)
{
    static readonly string s_axe = Path.Combine(RepositoryRoot.Path, "tests", "clients", "axe", "node_modules", "axe-core", "axe.min.js");

    public static TheoryData<string, int, int> Sizes => new() { { "laptop", 1280, 800 }, { "phone", 390, 844 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task NoMainScreenHasASeriousOrCriticalViolation(string device, int width, int height)
    {
        Assert.True(File.Exists(s_axe), $"axe-core is missing at {s_axe}: ./test.sh runs npm ci in tests/clients/axe");
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, "Rowing club");
        await ApiCalls.As(client, ana).PostMessageAsync(team.Id, new PostMessageRequest("Training moves to 18:30."), ActionKey.NewKey()).ValueOrThrowAsync();
        var start = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'18:30:00'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await ApiCalls.As(client, ana).CreateEventAsync(team.Id, new CreateEventRequest("Training", start, Location: "Boathouse", Capacity: 8),
            ActionKey.NewKey()).ValueOrThrowAsync();
        var choir = await ApiCalls.As(client, ana).CreateTeamAsync(new("Choir", ""), ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, ana).InviteAsync(choir.Id, new InviteRequest(ben.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();

        await using var context = await NewContextAsync(width, height, bypassCsp: true);
        var page = await context.NewPageAsync();
        var findings = new List<string>();

        foreach (var (screen, path, ready) in new[] { ("landing", "/", "a[href='register'], #username"), ("login", "/login", "#username"), ("register", "/register", "#username") })
        {
            await page.GotoAsync(path);
            await page.Locator(ready).First.WaitForAsync(new() { Timeout = Patience });
            findings.AddRange(await AuditAsync(page, screen));
        }

        page = await LogInAsync(context, ben.User.Username);
        await Assertions.Expect(page.Locator("[data-testid=team-item]")).ToHaveCountAsync(1, new() { Timeout = Patience });
        findings.AddRange(await AuditAsync(page, "home"));

        await page.GotoAsync($"/teams/{team.Id}");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToHaveCountAsync(1, new() { Timeout = Patience });
        findings.AddRange(await AuditAsync(page, "team chat"));

        await page.GotoAsync($"/teams/{team.Id}/calendar");
        await Assertions.Expect(page.Locator("[data-testid=event-item]")).ToHaveCountAsync(1, new() { Timeout = Patience });
        findings.AddRange(await AuditAsync(page, "calendar"));
        await page.ClickAsync("[data-testid=new-event]");
        await page.Locator("#eventTitle").WaitForAsync();
        findings.AddRange(await AuditAsync(page, "event dialog"));
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync("/invitations");
        await Assertions.Expect(page.Locator("[data-testid=invitation-item]")).ToHaveCountAsync(1, new() { Timeout = Patience });
        findings.AddRange(await AuditAsync(page, "invitations"));

        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.Locator("[data-testid=notification-row]").First).ToBeVisibleAsync(new() { Timeout = Patience });
        findings.AddRange(await AuditAsync(page, "notifications"));

        Assert.True(findings.Count == 0, $"{device}:\n{string.Join('\n', findings)}");
    }

    /// <summary>Runs axe on the page as it is; each serious or critical violation as "screen: rule (impact): where".</summary>
    static async Task<IReadOnlyList<string>> AuditAsync(IPage page, string screen)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = s_axe });
        }

        var violations = await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);
        return [.. violations.Select(violation => $"{screen}: {violation}")];
    }
}
