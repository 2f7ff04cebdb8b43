using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Saved messages across two devices of one person, a laptop and a phone: Ben copies the link of Ana's kit list, then
/// saves it, from its ⋯ menu in the team's chat on the laptop; the phone, open on the Saved page, lists it at once; from
/// there he opens it in its chat, comes back and removes it, and the laptop's "Saved" mark goes. Then the other way
/// round: the laptop waits on the Saved page while he copies and saves it again from the chat on the phone, and the
/// laptop lists it, opens it and removes it, the phone's mark going. The pictures go to artifacts/screens/ (saved-menu-*:
/// the ⋯ menu open; saved-chat-*, saved-page-*), each from the device of its size, checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SavedJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task AMessageSavedOnOneDeviceIsListedOnTheOtherWhichOpensItInItsChatAndRemovesIt()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima", "ana.");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor", "ben.");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"Saved {Guid.NewGuid():N}"[..14]);
        var asAna = ApiCalls.As(client, ana);
        var kitListPosted = await asAna.PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("Kit list for Saturday: **boots**, shin pads, water"), ActionKey.NewKey())
            .ValueOrThrowAsync();
        await asAna.PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("See you at 18:30"), ActionKey.NewKey()).ValueOrThrowAsync();
        var link = new Uri(Stack.Gateway, $"/teams/{team.Id}?message={kitListPosted.Seq}").ToString();

        await using var laptopContext = await NewContextAsync(1280, 800);
        await using var phoneContext = await NewContextAsync(390, 844);
        foreach (var context in new[] { laptopContext, phoneContext })
        {
            await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await Screens.AddAxeAsync(context);
        }
        var laptop = await LogInAsync(laptopContext, ben.User.Username, then: $"/teams/{team.Id}");
        var phone = await LogInAsync(phoneContext, ben.User.Username, then: "/saved");
        await Assertions.Expect(phone.Locator("[data-testid=saved-nothing]")).ToBeVisibleAsync(new() { Timeout = Patience });

        // Saved in the chat on the laptop, listed on the phone, opened and removed there.
        var onTheLaptop = await CopyTheLinkAndSaveAsync(laptop, "laptop", link);
        await ListOpenAndRemoveAsync(phone, "phone", team.Name, onTheLaptop);

        // The other way round: the laptop on the Saved page, the phone back in the team's chat.
        await laptop.Locator("[data-testid=nav-saved]").ClickAsync();
        await Assertions.Expect(laptop.Locator("[data-testid=saved-nothing]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await phone.Locator("[data-testid=nav-teams]").ClickAsync();
        await phone.Locator("[data-testid=team-item] a", new() { HasText = team.Name }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=team-name]")).ToHaveTextAsync(team.Name, new() { Timeout = Patience });
        var onThePhone = await CopyTheLinkAndSaveAsync(phone, "phone", link);
        await ListOpenAndRemoveAsync(laptop, "laptop", team.Name, onThePhone);
    }

    // From the message's ⋯ menu: its link (the chat's whole address at the message) on the clipboard, then Save: marked.
    static async Task<ILocator> CopyTheLinkAndSaveAsync(IPage chat, string device, string link)
    {
        var kitList = ChatJourneyTests.Message(chat, "Kit list for Saturday");
        await Assertions.Expect(kitList).ToBeVisibleAsync(new() { Timeout = Patience });
        await kitList.Locator("[data-testid=message-menu]").ClickAsync();
        await Assertions.Expect(kitList.Locator("[data-testid=save-message]")).ToHaveTextAsync("Save", new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(chat, $"saved-menu-{device}");

        await kitList.Locator("[data-testid=copy-message-link]").ClickAsync();
        await Assertions.Expect(kitList.Locator("[data-testid=copy-message-link]")).ToHaveTextAsync("Link copied", new() { Timeout = Patience });
        Assert.Equal(link, await chat.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await kitList.Locator("[data-testid=save-message]").ClickAsync();
        await Assertions.Expect(kitList.Locator("[data-testid=message-saved]")).ToHaveTextAsync("Saved", new() { Timeout = Patience });
        await Assertions.Expect(ChatJourneyTests.Message(chat, "See you at 18:30").Locator("[data-testid=message-saved]")).ToHaveCountAsync(0);
        await Screens.PhotographAndAuditAsync(chat, $"saved-chat-{device}");
        return kitList;
    }

    // The Saved page lists it at once, with where it is and who wrote it; opened in its chat, then back to the list and
    // removed there: the mark goes on the other device too.
    static async Task ListOpenAndRemoveAsync(IPage list, string device, string teamName, ILocator markedElsewhere)
    {
        var item = list.Locator("[data-testid=saved-item]");
        await Assertions.Expect(item).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(item.Locator(".where")).ToHaveTextAsync(teamName);
        await Assertions.Expect(item.Locator(".author")).ToHaveTextAsync("Ana Lima");
        await Assertions.Expect(item.Locator(".message-body strong")).ToHaveTextAsync("boots");
        await Screens.PhotographAndAuditAsync(list, $"saved-page-{device}");

        await item.Locator(".where").ClickAsync();
        await Assertions.Expect(list.Locator("[data-testid=team-name]")).ToHaveTextAsync(teamName, new() { Timeout = Patience });
        await Assertions.Expect(ChatJourneyTests.Message(list, "Kit list for Saturday").Locator("[data-testid=message-saved]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await list.GoBackAsync();
        await item.Locator("[data-testid=unsave]").ClickAsync();
        await Assertions.Expect(list.Locator("[data-testid=saved-nothing]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(markedElsewhere.Locator("[data-testid=message-saved]")).ToHaveCountAsync(0, new() { Timeout = Patience });
    }
}
