using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Pinned messages between two members: Ana, on a laptop, pins the season's schedule from its ⋯ menu; Ben, on a phone,
/// sees the bar over the chat and the mark at once, opens the list, goes to the message from it, then unpins it, and
/// the bar goes from Ana's chat too. Pictures (artifacts/screens/): pinned-chat-laptop (the bar and the mark),
/// pinned-list-phone and pinned-list-laptop (the list open), each checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class PinJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task APinShowsLiveForTheOtherMemberWhoGoesToItFromTheListAndUnpinsIt()
    {
        await using var people = await AnaOnALaptopAndBenOnAPhoneAsync("Pins");
        var (anaPage, benPage) = (people.AnaPage, people.BenPage);
        using var client = Stack.Client();
        var asAna = ApiCalls.As(client, people.Ana);
        var schedule = await asAna.PostMessageAsync(ChatKey.Team(people.Team.Id),
            new PostMessageRequest("Season schedule: matches every **Saturday at 10:00**, training Tuesdays 18:30"), ActionKey.NewKey()).ValueOrThrowAsync();
        foreach (var text in new[] { "Who brings the balls on Saturday?", "I can", "Great, thanks!", "Parking is behind the gym" })
        {
            await asAna.PostMessageAsync(ChatKey.Team(people.Team.Id), new PostMessageRequest(text), ActionKey.NewKey()).ValueOrThrowAsync();
        }

        // Ana pins it from its ⋯ menu: marked, and the bar over the chat says so.
        var onAnas = ChatJourneyTests.Message(anaPage, "Season schedule");
        await Assertions.Expect(onAnas).ToBeVisibleAsync(new() { Timeout = Patience });
        await onAnas.Locator("[data-testid=message-menu]").ClickAsync();
        await onAnas.Locator("[data-testid=pin-message]").ClickAsync();
        await Assertions.Expect(onAnas.Locator("[data-testid=message-pinned]")).ToHaveAttributeAsync("title", "Pinned by you", new() { Timeout = Patience });
        await Assertions.Expect(anaPage.Locator("[data-testid=pinned-count]")).ToHaveTextAsync("1 pinned");
        await Screens.PhotographAndAuditAsync(anaPage, "pinned-chat-laptop");

        // Ben sees both at once, and who pinned it.
        await Assertions.Expect(benPage.Locator("[data-testid=pinned-count]")).ToHaveTextAsync("1 pinned", new() { Timeout = Patience });
        await Assertions.Expect(benPage.Locator("[data-testid=pinned-toggle]")).ToContainTextAsync("Season schedule");
        await Assertions.Expect(ChatJourneyTests.Message(benPage, "Season schedule").Locator("[data-testid=message-pinned]"))
            .ToHaveAttributeAsync("title", "Pinned by Ana Lima");

        // The list, then the message in the chat from it.
        await benPage.Locator("[data-testid=pinned-toggle]").ClickAsync();
        var item = benPage.Locator("[data-testid=pinned-item]");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item.Locator(".author")).ToHaveTextAsync("Ana Lima");
        await Screens.PhotographAndAuditAsync(benPage, "pinned-list-phone");
        await item.Locator("[data-testid=pinned-show]").ClickAsync();
        await benPage.WaitForURLAsync(url => new Uri(url).Query == $"?message={schedule.Seq}", new() { Timeout = Patience });
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await Assertions.Expect(ChatJourneyTests.Message(benPage, "Season schedule")).ToBeInViewportAsync();

        // Ana's list on the laptop, for the picture; Escape closes it.
        await anaPage.Locator("[data-testid=pinned-toggle]").ClickAsync();
        await Assertions.Expect(anaPage.Locator("[data-testid=pinned-item]")).ToHaveCountAsync(1);
        await Screens.PhotographAndAuditAsync(anaPage, "pinned-list-laptop");
        await anaPage.Keyboard.PressAsync("Escape");
        await Assertions.Expect(anaPage.Locator("[data-testid=pinned-toggle]")).ToBeFocusedAsync();

        // Ben unpins it from the list: the bar goes for both, and the mark with it.
        await benPage.Locator("[data-testid=pinned-toggle]").ClickAsync();
        await benPage.Locator("[data-testid=pinned-unpin]").ClickAsync();
        await Assertions.Expect(benPage.Locator("[data-testid=pinned-toggle]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(anaPage.Locator("[data-testid=pinned-toggle]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(onAnas.Locator("[data-testid=message-pinned]")).ToHaveCountAsync(0);
    }
}
