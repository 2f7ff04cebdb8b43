using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;
using Squadra.Web.Components;

namespace Squadra.Web.Tests;

public sealed class TeamPageTests : SquadraTestContext
{
    readonly ManualClock _clock = new();

    public TeamPageTests() => Services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task TheOwnerCanInviteChangeRolesRemoveAndDeleteButNotLeave()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner), Member(Bob, TeamRoles.Admin), Member(Carol, TeamRoles.Member)));

        Assert.NotNull(page.Find("#inviteUsername"));
        Assert.Empty(Row(page, "alice").QuerySelectorAll("button"));
        Assert.NotNull(Row(page, "bob").QuerySelector("[data-testid=make-member]"));
        Assert.NotNull(Row(page, "bob").QuerySelector("[data-testid=remove-member]"));
        Assert.NotNull(Row(page, "carol").QuerySelector("[data-testid=make-admin]"));
        OpenMenu(page);
        Assert.NotNull(page.Find("[data-testid=delete-team]"));
        Assert.Empty(page.FindAll("[data-testid=leave-team]"));
        Assert.NotNull(page.Find("[data-testid=team-language]"));
    }

    [Fact]
    public async Task AnAdminCanInviteAndRemoveMembersButNotTheOwnerOrAnotherAdmin()
    {
        var page = await RenderTeamAsync(Bob, Team(TeamRoles.Admin,
            Member(Alice, TeamRoles.Owner), Member(Bob, TeamRoles.Admin), Member(Carol, TeamRoles.Member), Member(Dave, TeamRoles.Admin)));

        Assert.NotNull(page.Find("#inviteUsername"));
        Assert.NotNull(Row(page, "carol").QuerySelector("[data-testid=remove-member]"));
        Assert.Null(Row(page, "alice").QuerySelector("[data-testid=remove-member]"));
        Assert.Null(Row(page, "dave").QuerySelector("[data-testid=remove-member]"));
        Assert.Empty(page.FindAll("[data-testid^=make-]"));
        OpenMenu(page);
        Assert.NotNull(page.Find("[data-testid=leave-team]"));
        Assert.Empty(page.FindAll("[data-testid=delete-team]"));
        Assert.NotNull(page.Find("[data-testid=team-language]"));
    }

    [Fact]
    public async Task AMemberSeesTheTeamAndCanOnlyLeave()
    {
        var page = await RenderTeamAsync(Carol, Team(TeamRoles.Member, Member(Alice, TeamRoles.Owner), Member(Carol, TeamRoles.Member)));

        Assert.Equal("Choir", page.Find("[data-testid=team-name]").TextContent);
        Assert.Equal(2, page.FindAll("[data-testid=member-row]").Count);
        Assert.Empty(page.FindAll("#inviteUsername"));
        Assert.Empty(page.FindAll("[data-testid=remove-member]"));
        OpenMenu(page);
        Assert.NotNull(page.Find("[data-testid=leave-team]"));
        Assert.Empty(page.FindAll("[data-testid=team-language]"));
        Assert.Empty(Api.To(HttpMethod.Get, "/api/teams/t-1/invitations"));
    }

    [Fact]
    public async Task ChoosingTheLanguageOfMessagesSavesItAtOnceAndKeepsTheMembersShown()
    {
        var team = Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner), Member(Bob, TeamRoles.Member));
        var page = await RenderTeamAsync(Alice, team);
        // The answer to PATCH carries no members.
        Api.Answer(HttpMethod.Patch, "/api/teams/t-1", HttpStatusCode.OK, team with { Members = null, Language = "english" });

        OpenMenu(page);
        Assert.Equal(TeamLanguages.Simple, page.Find("#team-language option[selected]").GetAttribute("value"));
        Assert.Equal("Language of messages (for search)", page.Find("label[for=team-language]").TextContent);
        page.Find("#team-language").Change("english");

        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find(".language .saved").TextContent));
        Assert.Contains("\"language\":\"english\"", Api.BodyOf(Assert.Single(Api.To(HttpMethod.Patch, "/api/teams/t-1"))), StringComparison.Ordinal);
        Assert.Equal("english", page.Find("#team-language option[selected]").GetAttribute("value"));
        Assert.Equal("English", page.Find("#team-language option[selected]").TextContent);
        Assert.Equal(2, page.FindAll("[data-testid=member-row]").Count);
    }

    [Fact]
    public async Task ARefusedLanguageSaysWhyAndShowsTheOneTheTeamStillHas()
    {
        var page = await RenderTeamAsync(Bob, Team(TeamRoles.Admin, Member(Alice, TeamRoles.Owner), Member(Bob, TeamRoles.Admin)));
        Api.AnswerProblem(HttpMethod.Patch, "/api/teams/t-1", HttpStatusCode.Forbidden, "Only the team's owner or an admin can change it.");

        OpenMenu(page);
        page.Find("#team-language").Change("german");

        page.WaitForAssertion(() => Assert.Equal("Only the team's owner or an admin can change it.", page.Find("[data-testid=form-error]").TextContent));
        Assert.Equal(TeamLanguages.Simple, page.Find("#team-language option[selected]").GetAttribute("value"));
        Assert.Equal("", page.Find(".language .saved").TextContent);
    }

    [Fact]
    public async Task DeletingAsksOnceMoreBeforeItDeletes()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)));
        Api.Answer(HttpMethod.Delete, "/api/teams/t-1", HttpStatusCode.NoContent);

        OpenMenu(page);
        page.Find("[data-testid=delete-team]").Click();

        Assert.Empty(Api.To(HttpMethod.Delete, "/api/teams/t-1"));
        page.Find("[data-testid=delete-team-confirm]").Click();
        page.WaitForAssertion(() => Assert.Equal("/teams", CurrentPath));
        Assert.Single(Api.To(HttpMethod.Delete, "/api/teams/t-1"));
    }

    [Fact]
    public async Task LeavingAndDeletingWaitBehindTheTeamSettingsMenuWhichEscapeCloses()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)));

        Assert.Empty(page.FindAll("[data-testid=delete-team]"));
        Assert.Equal("false", page.Find("[data-testid=team-menu]").GetAttribute("aria-expanded"));
        // (Read before a re-render: bUnit's markup of a re-rendered element may lose its reference id.)
        var menuButton = page.Find("[data-testid=team-menu]").GetAttribute("blazor:elementReference");

        OpenMenu(page);
        Assert.Equal("true", page.Find("[data-testid=team-menu]").GetAttribute("aria-expanded"));
        Assert.NotNull(page.Find("[data-testid=delete-team]"));

        page.Find("[data-testid=delete-team]").KeyDown(Key.Escape);
        Assert.Empty(page.FindAll("[data-testid=delete-team]"));
        // Focus was in the panel, gone with it: it goes back to the menu's button.
        var focused = JSInterop.Invocations.Where(call => call.Identifier == "Blazor._internal.domWrapper.focus")
            .Select(call => ((Microsoft.AspNetCore.Components.ElementReference)call.Arguments[0]!).Id);
        Assert.False(string.IsNullOrEmpty(menuButton));
        Assert.Equal(menuButton, Assert.Single(focused));
    }

    [Fact]
    public async Task APhoneReachesTheMembersThroughTheirOwnTab()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner), Member(Bob, TeamRoles.Member)), tab: "members");

        Assert.Equal(2, page.FindAll("[data-testid=member-row]").Count);
        Assert.Empty(page.FindAll("[data-testid=chat-pane]"));
        Assert.Empty(page.FindAll("aside"));
    }

    [Fact]
    public async Task TheTeamsAttendanceShowsUnderTheCalendarsTab()
    {
        Api.AnswerAlways(HttpMethod.Get, "/api/teams/t-1/attendance", HttpStatusCode.OK,
            new Squadra.Contracts.Events.AttendanceReportDto(Earlier.AddDays(-90), Earlier, 0, []));

        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)), tab: "attendance");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=no-attendance]")));
        Assert.Contains("active", page.Find("[data-testid=team-tab-calendar]").ClassList);
        Assert.DoesNotContain("active", page.Find("[data-testid=team-tab-chat]").ClassList);
        Assert.Empty(page.FindAll("[data-testid=chat-pane]"));
    }

    [Fact]
    public async Task APhoneDoesNotRenderTheMembersItsCssWouldHideBesideTheChatNorFetchTheInvitations()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)), wide: false);

        Assert.NotNull(page.Find("[data-testid=chat-pane]"));
        Assert.Empty(page.FindAll("aside [data-testid=member-row]"));
        Assert.Empty(page.FindAll("#inviteUsername"));
        Assert.Empty(Api.To(HttpMethod.Get, "/api/teams/t-1/invitations"));
        var watched = Assert.Single(JSInterop.Invocations, call => call.Identifier == "watch");
        Assert.Equal("not all and (max-width: 56rem)", watched.Arguments[0]);
    }

    [Fact]
    public async Task TurningThePhoneWideBringsTheMembersBesideTheChat()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)), wide: false);

        await page.FindComponent<WhenMedia>().Instance.MediaChanged(true);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("aside [data-testid=member-row]")));
        Assert.NotNull(page.Find("#inviteUsername"));
        page.WaitForAssertion(() => Assert.Single(Api.To(HttpMethod.Get, "/api/teams/t-1/invitations")));
    }

    [Fact]
    public async Task TheMembersAreReloadedWhenSomeoneJoins()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)));
        Api.Answer(HttpMethod.Get, "/api/teams/t-1", HttpStatusCode.OK, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner), Member(Bob, TeamRoles.Member)));

        await Realtime.PushAsync(Notification(1, NotificationTypes.MemberJoined, new { member = Member(Bob, TeamRoles.Member) }));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=member-row]").Count));
        Assert.Contains("bob", page.FindAll("[data-testid=member-row]")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeingRemovedShowsWhyAndGoesBackToTheList()
    {
        var page = await RenderTeamAsync(Carol, Team(TeamRoles.Member, Member(Alice, TeamRoles.Owner), Member(Carol, TeamRoles.Member)));

        await Realtime.PushAsync(Notification(1, NotificationTypes.MemberRemoved, new { userId = Carol.Id }));

        page.WaitForAssertion(() => Assert.Contains("no longer a member of Choir", page.Find("[data-testid=team-gone]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Navigation.History);
        _clock.Advance(TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Equal("/teams", CurrentPath));
    }

    [Fact]
    public async Task InvitingSendsAnIdempotencyKeyAndListsTheInvitationAsPending()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)));
        Api.Answer(HttpMethod.Post, "/api/teams/t-1/invitations", HttpStatusCode.Created, Invitation("i-1", Alice, Bob));

        page.Find("#inviteUsername").Change("bob");
        page.Find("[data-testid=invite-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Bob Dylan", page.Find("[data-testid=team-invitation]").TextContent, StringComparison.Ordinal));
        var invite = Api.To(HttpMethod.Post, "/api/teams/t-1/invitations").Single();
        Assert.False(string.IsNullOrEmpty(invite.Headers.GetValues("Idempotency-Key").Single()));
        Assert.Contains("\"username\":\"bob\"", Api.BodyOf(invite), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressInTheBoxInvitesByEmailAndListsTheAddressAsPending()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)));
        Api.Answer(HttpMethod.Post, "/api/teams/t-1/invitations", HttpStatusCode.Created,
            Invitation("i-1", Alice, Bob) with { Invitee = null, Email = "dana@example.org" });

        page.Find("#inviteUsername").Change(" dana@example.org ");
        page.Find("[data-testid=invite-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("dana@example.org", page.Find("[data-testid=team-invitation]").TextContent, StringComparison.Ordinal));
        Assert.Contains("emailed a link", page.Find("[data-testid=team-invitation]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Invitation sent to dana@example.org.", page.Find("[data-testid=form-notice]").TextContent);
        var body = Api.BodyOf(Api.To(HttpMethod.Post, "/api/teams/t-1/invitations").Single());
        Assert.Contains("\"email\":\"dana@example.org\"", body, StringComparison.Ordinal);
        Assert.Contains("\"username\":null", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedAddressIsRefusedBesideTheFieldBeforeAnyCall()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)));

        page.Find("#inviteUsername").Change("dana@example");
        page.Find("[data-testid=invite-submit]").Click();

        Assert.Equal(AccountRules.EmailError("dana@example"), page.Find(".validation-message").TextContent);
        Assert.Empty(Api.To(HttpMethod.Post, "/api/teams/t-1/invitations"));
    }

    [Fact]
    public async Task InvitingAnUnknownUserSaysSoBesideTheField()
    {
        var page = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)));
        Api.AnswerProblem(HttpMethod.Post, "/api/teams/t-1/invitations", HttpStatusCode.NotFound, "No such user, or you may not see it.");

        page.Find("#inviteUsername").Change("nobody");
        page.Find("[data-testid=invite-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("nobody", page.Find(".validation-message").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTeamPageOpensOnTheChatBesideTheMembersAndTheCalendarIsATabAway()
    {
        var chat = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)));

        Assert.NotNull(chat.Find("[data-testid=chat-pane]"));
        Assert.Empty(chat.FindAll("[data-testid=month-view]"));
        Assert.Equal("teams/t-1/calendar", chat.Find("[data-testid=team-tab-calendar]").GetAttribute("href"));
    }

    [Fact]
    public async Task TheCalendarTabShowsTheCalendarBesideTheMembers()
    {
        var calendar = await RenderTeamAsync(Alice, Team(TeamRoles.Owner, Member(Alice, TeamRoles.Owner)), tab: "calendar");

        calendar.WaitForAssertion(() => Assert.NotNull(calendar.Find("[data-testid=month-view]")));
        Assert.Empty(calendar.FindAll("[data-testid=chat-pane]"));
        Assert.NotEmpty(calendar.FindAll("[data-testid=member-row]"));
    }

    static UserDto Dave { get; } = new("u-4", "dave", "Dave Brubeck");

    static AngleSharp.Dom.IElement Row(IRenderedComponent<TeamPage> page, string username) =>
        page.FindAll("[data-testid=member-row]").Single(row => row.GetAttribute("data-username") == username);

    static void OpenMenu(IRenderedComponent<TeamPage> page) => page.Find("[data-testid=team-menu]").Click();

    /// <summary>Renders the team page on a wide screen (the members beside the section) unless told it is a phone's.</summary>
    async Task<IRenderedComponent<TeamPage>> RenderTeamAsync(UserDto me, TeamDto team, string? tab = null, bool wide = true)
    {
        JSInterop.SetupModule("./js/media.js").SetupModule("watch", _ => true).Setup<bool>("matches").SetResult(wide);
        await SignInAsync(me);
        Api.Answer(HttpMethod.Get, "/api/teams/t-1", HttpStatusCode.OK, team)
            // The user's teams, where the settings menu's mute item reads whether this one is muted.
            .AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[] { team with { Members = null } })
            .AnswerAlways(HttpMethod.Get, "/api/teams/t-1/invitations", HttpStatusCode.OK, Array.Empty<object>())
            .AnswerAlways(HttpMethod.Get, "/api/teams/t-1/messages", HttpStatusCode.OK, Array.Empty<object>())
            .AnswerAlways(HttpMethod.Get, "/api/teams/t-1/events", HttpStatusCode.OK, Array.Empty<object>())
            .AnswerAlways(HttpMethod.Get, "/api/me/calendar-feeds", HttpStatusCode.OK, Array.Empty<object>());
        var page = Render<TeamPage>(parameters => parameters.Add(p => p.TeamId, "t-1").Add(p => p.Tab, tab));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(wide || tab == "members" ? "[data-testid=member-row]" : "[data-testid=team-name]")));
        return page;
    }
}

