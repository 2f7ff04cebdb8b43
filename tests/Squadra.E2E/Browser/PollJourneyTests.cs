using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// A poll between two members: Ana, on a laptop, asks one from the composer's dialog, closing in a day; Ben, on a phone,
/// sees it at once with its deadline and answers with a tap; Ana sees his vote live, then closes the poll, and Ben's
/// options stop taking votes. Pictures (artifacts/screens/): poll-dialog-laptop, poll-phone (Ben's vote), poll-laptop
/// (the results, closed), each checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class PollJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task APollAskedInTheDialogIsAnsweredLiveByTheOtherMemberAndClosedByItsAuthor()
    {
        await using var people = await AnaOnALaptopAndBenOnAPhoneAsync("Poll");
        var (anaPage, benPage) = (people.AnaPage, people.BenPage);

        // Ana types her question, then turns it into a poll.
        await anaPage.FillAsync("#messageBody", "Which day suits you for the extra training?");
        await anaPage.ClickAsync("[data-testid=new-poll]");
        await Assertions.Expect(anaPage.Locator("#poll-question")).ToHaveValueAsync("Which day suits you for the extra training?");
        await Assertions.Expect(anaPage.Locator("#poll-question")).ToBeFocusedAsync();
        var options = anaPage.Locator("[data-testid=poll-option-input]");
        await options.Nth(0).FillAsync("Wednesday");
        await options.Nth(1).FillAsync("Thursday");
        await anaPage.ClickAsync("[data-testid=poll-add-option]");
        await options.Nth(2).FillAsync("Friday");
        await anaPage.SelectOptionAsync("[data-testid=poll-deadline]", new SelectOptionValue { Label = "In 1 day" });
        await Screens.PhotographAndAuditAsync(anaPage, "poll-dialog-laptop");
        await anaPage.ClickAsync("[data-testid=poll-create]");
        var anasPoll = ChatJourneyTests.Message(anaPage, "Which day suits you").Locator("[data-testid=poll]");
        await Assertions.Expect(anasPoll.Locator("[data-testid=poll-summary]")).ToContainTextAsync("0 votes · Choose one · Closes tomorrow, ", new() { Timeout = Patience });
        await Assertions.Expect(anaPage.Locator("#messageBody")).ToHaveValueAsync("");

        // Ben sees it at once and taps Thursday.
        var bensPoll = ChatJourneyTests.Message(benPage, "Which day suits you").Locator("[data-testid=poll]");
        await Assertions.Expect(bensPoll.Locator("[data-testid=poll-option]")).ToHaveCountAsync(3, new() { Timeout = Patience });
        await Assertions.Expect(bensPoll.Locator("[data-testid=poll-summary]")).ToContainTextAsync("· Closes tomorrow, ");
        await bensPoll.Locator("[data-testid=poll-option]", new() { HasText = "Thursday" }).ClickAsync();
        await Assertions.Expect(bensPoll.Locator("[data-testid=poll-option]", new() { HasText = "Thursday" })).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(benPage, "poll-phone");

        // Ana sees his vote live, named in the option's title, and closes the poll.
        var thursday = anasPoll.Locator("[data-testid=poll-option]", new() { HasText = "Thursday" });
        await Assertions.Expect(thursday.Locator("[data-testid=poll-count]")).ToContainTextAsync("1", new() { Timeout = Patience });
        await Assertions.Expect(thursday).ToHaveAttributeAsync("title", "Ben Okafor chose this");
        await anasPoll.Locator("[data-testid=poll-close]").ClickAsync();
        await Assertions.Expect(anasPoll.Locator("[data-testid=poll-summary]")).ToHaveTextAsync("1 vote · Closed", new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(anaPage, "poll-laptop");

        // Ben's options take no more votes.
        await Assertions.Expect(bensPoll.Locator("[data-testid=poll-summary]")).ToHaveTextAsync("1 vote · Closed", new() { Timeout = Patience });
        await Assertions.Expect(bensPoll.Locator("[data-testid=poll-option]").First).ToBeDisabledAsync();
    }
}
