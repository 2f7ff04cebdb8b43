using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 18, item 5: a message is CommonMark in the other member's browser, and a hostile one is only text there —
/// no script runs, no image loads, no javascript: link exists, whatever a member types.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ChatFormattingJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    const string Formatted = "**Bold plan** for _Saturday_:\n- oars\n- `life jackets`\n\n> Meet at the gate, https://club.example/map\n"
        + "```\ndotnet run --project Boathouse -- --a-very-long-option-that-would-widen-a-phone-screen-if-it-were-allowed-to-wrap=true\n```";

    static readonly string[] s_hostile =
    [
        "<script>window.__pwned = 1</script>",
        "[click me](javascript:window.__pwned=1)",
        "<img src=x onerror=\"window.__pwned=1\">",
        "<a href=\"javascript:window.__pwned=1\">also me</a>",
    ];

    [Fact]
    public async Task FormattingShowsForTheOtherMemberAndHostileHtmlIsOnlyText()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client);
        var bob = await RunningStack.SignUpAsync(client);
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"Fmt {Guid.NewGuid():N}"[..12]);
        await using var aliceContext = await NewContextAsync();
        // Bob reads on a phone: a long code line must scroll inside its block, not widen the page.
        await using var bobContext = await NewContextAsync(390, 844);
        var alicePage = await OpenChatAsync(aliceContext, alice.User.Username, team.Id);
        var bobPage = await OpenChatAsync(bobContext, bob.User.Username, team.Id);
        var errors = new List<string>();
        var dialogs = new List<string>();
        foreach (var page in new[] { alicePage, bobPage })
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                    errors.Add(message.Text);
            };
            page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        }

        foreach (var body in s_hostile.Prepend(Formatted))
        {
            await alicePage.FillAsync("#messageBody", body);
            await alicePage.ClickAsync("[data-testid=send-message]");
        }

        var messages = bobPage.Locator("[data-testid=message]");
        await Assertions.Expect(messages).ToHaveCountAsync(1 + s_hostile.Length, new() { Timeout = Patience });
        var formatted = Body(bobPage, "Bold plan");
        await Assertions.Expect(formatted.Locator("strong")).ToHaveTextAsync("Bold plan");
        await Assertions.Expect(formatted.Locator("ul > li")).ToHaveTextAsync(["oars", "life jackets"]);
        await Assertions.Expect(formatted.Locator("li > code")).ToHaveTextAsync("life jackets");
        await Assertions.Expect(formatted.Locator("pre > code")).ToContainTextAsync("dotnet run --project Boathouse");
        await Assertions.Expect(formatted.Locator("blockquote a[href='https://club.example/map']")).ToHaveTextAsync("https://club.example/map");
        Assert.Equal("auto", await formatted.Locator("pre").EvaluateAsync<string>("e => getComputedStyle(e).overflowX"));
        var widths = await bobPage.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The chat is {widths[0]} px wide in a {widths[1]} px window.");

        // Each shown as typed (the link's label stays, its javascript: address does not).
        foreach (var shown in new[] { s_hostile[0], "click me", s_hostile[2], s_hostile[3] })
            await Assertions.Expect(Body(bobPage, shown)).ToHaveTextAsync(shown);
        foreach (var page in new[] { alicePage, bobPage })
        {
            await Assertions.Expect(page.Locator("[data-testid=message]")).ToHaveCountAsync(1 + s_hostile.Length, new() { Timeout = Patience });
            await Assertions.Expect(page.Locator(".message-body :is(script, img, iframe, [onerror])")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("a[href^='javascript:' i]")).ToHaveCountAsync(0);
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        }

        // "click me" is no link: clicking it runs nothing either.
        await Body(bobPage, "click me").ClickAsync();
        Assert.Equal("undefined", await bobPage.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Empty(dialogs);
        Assert.Empty(errors);
    }

    static ILocator Body(IPage page, string text) =>
        page.Locator("[data-testid=message]", new() { HasText = text }).Locator(".message-body");

    static async Task<IPage> OpenChatAsync(IBrowserContext context, string username, string teamId)
    {
        var page = await LogInAsync(context, username);
        await page.Locator("[data-testid=team-item] a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=chat-pane] [data-testid=no-messages]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.EndsWith($"/teams/{teamId}", page.Url, StringComparison.Ordinal);
        return page;
    }
}
