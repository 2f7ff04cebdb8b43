using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

[Collection(StackCollection.Name)]
public sealed class TeamJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task AnInvitationReachesTheInviteeLiveAndTheTeamSeesThemJoinWithoutAReload()
    {
        using var client = Stack.Client();
        var alice = (await RunningStack.SignUpAsync(client)).User;
        var bob = (await RunningStack.SignUpAsync(client)).User;
        await using var aliceContext = await NewContextAsync();
        await using var bobContext = await NewContextAsync();
        var alicePage = await LogInAsync(aliceContext, alice.Username);
        var bobPage = await LogInAsync(bobContext, bob.Username);
        var bobLoads = CountFullPageLoads(bobPage);
        var aliceLoads = CountFullPageLoads(alicePage);
        await Assertions.Expect(bobPage.Locator("[data-testid=unread-count]")).ToHaveCountAsync(0);

        // Alice creates a team and invites Bob from its page.
        var teamName = $"Choir {Guid.NewGuid():N}"[..14];
        await alicePage.ClickAsync("[data-testid=create-team]");
        await alicePage.FillAsync("#teamName", teamName);
        await alicePage.FillAsync("#teamDescription", "We sing on Tuesdays.");
        await alicePage.ClickAsync("[data-testid=create-team-submit]");
        await Assertions.Expect(alicePage.Locator("[data-testid=team-name]")).ToHaveTextAsync(teamName, new() { Timeout = Patience });
        await alicePage.FillAsync("#inviteUsername", bob.Username);
        await alicePage.ClickAsync("[data-testid=invite-submit]");
        await Assertions.Expect(alicePage.Locator("[data-testid=team-invitation]")).ToContainTextAsync(bob.DisplayName);

        // Bob's bell counts it live, and its panel says who invited him to what.
        await Assertions.Expect(bobPage.Locator("[data-testid=unread-count]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await Assertions.Expect(bobPage.Locator("[data-testid=nav-invitations]")).ToContainTextAsync("1");
        await bobPage.ClickAsync("[data-testid=notification-bell]");
        await Assertions.Expect(bobPage.Locator("[data-testid=notification-item]").First)
            .ToContainTextAsync($"{alice.DisplayName} invited you to {teamName}");
        await bobPage.Keyboard.PressAsync("Escape");

        // The inbox lists the invitation; Bob accepts and lands on the team's page.
        await bobPage.ClickAsync("[data-testid=nav-invitations]");
        var invitation = bobPage.Locator("[data-testid=invitation-item]", new() { HasText = teamName });
        await invitation.Locator("[data-testid=accept]").ClickAsync();
        await Assertions.Expect(bobPage.Locator("[data-testid=team-name]")).ToHaveTextAsync(teamName, new() { Timeout = Patience });
        await Assertions.Expect(bobPage.Locator("[data-testid=member-row]")).ToHaveCountAsync(2);

        // Alice never left the team page: Bob appears in its member list on his own.
        await Assertions.Expect(alicePage.Locator("[data-testid=member-row]", new() { HasText = bob.Username }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(alicePage.Locator("[data-testid=team-invitation]")).ToHaveCountAsync(0);
        Assert.Equal(0, aliceLoads());
        Assert.Equal(0, bobLoads());
    }

}
