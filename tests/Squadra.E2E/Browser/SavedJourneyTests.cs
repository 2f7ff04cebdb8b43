using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Saved messages across two devices of one person: Ben copies the link of Ana's kit list, then saves it, from its ⋯
/// menu in the team's chat; his other device, open on the Saved page, lists it at once; from there he opens it in its
/// chat, comes back and removes it, and the first device's "Saved" mark goes. One device a laptop and the other a
/// phone, then the other way round; the pictures go to artifacts/screens/ (saved-menu-*: the ⋯ menu open; saved-chat-*,
/// saved-page-*), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SavedJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    public static TheoryData<string, int, int, string, int, int> Devices => new()
    {
        { "laptop", 1280, 800, "phone", 390, 844 },
        { "phone", 390, 844, "laptop", 1280, 800 },
    };

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AMessageSavedOnOneDeviceIsListedOnTheOtherWhichOpensItInItsChatAndRemovesIt(
        string chatDevice, int chatWidth, int chatHeight, string listDevice, int listWidth, int listHeight)
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima", "ana.");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor", "ben.");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"Saved {Guid.NewGuid():N}"[..14]);
        var asAna = ApiCalls.As(client, ana);
        var kitListPosted = await asAna.PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("Kit list for Saturday: **boots**, shin pads, water"), ActionKey.NewKey())
            .ValueOrThrowAsync();
        await asAna.PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("See you at 18:30"), ActionKey.NewKey()).ValueOrThrowAsync();

        await using var chatContext = await NewContextAsync(chatWidth, chatHeight);
        await using var listContext = await NewContextAsync(listWidth, listHeight);
        await chatContext.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await Screens.AddAxeAsync(chatContext);
        await Screens.AddAxeAsync(listContext);
        var chat = await LogInAsync(chatContext, ben.User.Username, then: $"/teams/{team.Id}");
        var list = await LogInAsync(listContext, ben.User.Username, then: "/saved");
        await Assertions.Expect(list.Locator("[data-testid=saved-nothing]")).ToBeVisibleAsync(new() { Timeout = Patience });

        // Saved from the message's ⋯ menu: marked in the chat.
        var kitList = ChatJourneyTests.Message(chat, "Kit list for Saturday");
        await Assertions.Expect(kitList).ToBeVisibleAsync(new() { Timeout = Patience });
        await kitList.Locator("[data-testid=message-menu]").ClickAsync();
        await Assertions.Expect(kitList.Locator("[data-testid=save-message]")).ToHaveTextAsync("Save", new() { Timeout = Patience });
        await chat.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"saved-menu-{chatDevice}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(chat));

        // Its link first, from the same menu: the chat's whole address at the message, on the clipboard.
        await kitList.Locator("[data-testid=copy-message-link]").ClickAsync();
        await Assertions.Expect(kitList.Locator("[data-testid=copy-message-link]")).ToHaveTextAsync("Link copied", new() { Timeout = Patience });
        Assert.Equal(new Uri(Stack.Gateway, $"/teams/{team.Id}?message={kitListPosted.Seq}").ToString(),
            await chat.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await kitList.Locator("[data-testid=save-message]").ClickAsync();
        await Assertions.Expect(kitList.Locator("[data-testid=message-saved]")).ToHaveTextAsync("Saved", new() { Timeout = Patience });
        await Assertions.Expect(ChatJourneyTests.Message(chat, "See you at 18:30").Locator("[data-testid=message-saved]")).ToHaveCountAsync(0);
        await chat.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"saved-chat-{chatDevice}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(chat));

        // The other device lists it at once, with where it is and who wrote it.
        var item = list.Locator("[data-testid=saved-item]");
        await Assertions.Expect(item).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(item.Locator(".where")).ToHaveTextAsync(team.Name);
        await Assertions.Expect(item.Locator(".author")).ToHaveTextAsync("Ana Lima");
        await Assertions.Expect(item.Locator(".message-body strong")).ToHaveTextAsync("boots");
        await list.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"saved-page-{listDevice}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(list));

        // Opened in its chat, then back to the list and removed there: the mark goes on the first device too.
        await item.Locator(".where").ClickAsync();
        await Assertions.Expect(list.Locator("[data-testid=team-name]")).ToHaveTextAsync(team.Name, new() { Timeout = Patience });
        await Assertions.Expect(ChatJourneyTests.Message(list, "Kit list for Saturday").Locator("[data-testid=message-saved]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await list.GoBackAsync();
        await item.Locator("[data-testid=unsave]").ClickAsync();
        await Assertions.Expect(list.Locator("[data-testid=saved-nothing]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(kitList.Locator("[data-testid=message-saved]")).ToHaveCountAsync(0, new() { Timeout = Patience });
    }
}
