using System.Net;
using Squadra.Contracts.Presence;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>Online dots and "last seen" on members and DMs: asked once, kept by pushes, asked again after a reconnect.</summary>
public sealed class PresenceTests : SquadraTestContext
{
    [Fact]
    public async Task MembersShowWhetherTheyAreOnlineOrWhenTheyWereLastSeen()
    {
        var members = await RenderMembersAsync(
            new PresenceDto(Bob.Id, true, null), new PresenceDto(Carol.Id, false, DateTimeOffset.UtcNow.AddMinutes(-5)));

        members.WaitForAssertion(() => Assert.Equal("Online", Dot(members, "bob").GetAttribute("aria-label")));
        Assert.Equal("true", Dot(members, "bob").GetAttribute("data-online"));
        Assert.Equal("Online", Text(members, "bob"));
        Assert.Equal("Offline", Dot(members, "carol").GetAttribute("title"));
        Assert.Equal("last seen 5 min ago", Text(members, "carol"));
        // Asked once, for the others only.
        var asked = Api.To(HttpMethod.Get, "/api/presence").Single();
        Assert.Equal($"?userIds={Bob.Id},{Carol.Id}", asked.RequestUri!.Query);
        Assert.Empty(Row(members, "alice").QuerySelectorAll("[data-testid=presence-dot]"));
    }

    [Fact]
    public async Task APushTurnsTheDotOnAndOff()
    {
        var members = await RenderMembersAsync(new PresenceDto(Bob.Id, false, null));
        members.WaitForAssertion(() => Assert.Equal("false", Dot(members, "bob").GetAttribute("data-online")));
        Assert.Null(Row(members, "bob").QuerySelector("[data-testid=presence-text]"));

        await Realtime.PushPresenceAsync(new PresenceDto(Bob.Id, true, null));
        members.WaitForAssertion(() => Assert.Equal("Online", Text(members, "bob")));

        await Realtime.PushPresenceAsync(new PresenceDto(Bob.Id, false, DateTimeOffset.UtcNow));
        members.WaitForAssertion(() => Assert.Equal("false", Dot(members, "bob").GetAttribute("data-online")));
        Assert.Equal("last seen just now", Text(members, "bob"));
    }

    [Fact]
    public async Task AMemberWhoPausedNotificationsIsMarkedSoUntilTheyResume()
    {
        var until = DateTimeOffset.UtcNow.AddHours(2);
        var members = await RenderMembersAsync(new PresenceDto(Bob.Id, true, null) { PausedUntil = until }, new PresenceDto(Carol.Id, true, null));

        members.WaitForAssertion(() => Assert.Equal("Notifications paused", Paused(members, "bob")!.TextContent.Trim()));
        Assert.StartsWith("Notifications paused until ", Paused(members, "bob")!.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal("Online", Text(members, "bob"));
        Assert.Null(Paused(members, "carol"));

        // A presence push says nothing of the pause and keeps it; memberPaused changes it.
        await Realtime.PushPresenceAsync(new PresenceDto(Bob.Id, false, DateTimeOffset.UtcNow));
        await Realtime.PushMemberPausedAsync(new MemberPausedPush(Carol.Id, until));
        members.WaitForAssertion(() => Assert.NotNull(Paused(members, "carol")));
        Assert.NotNull(Paused(members, "bob"));

        await Realtime.PushMemberPausedAsync(new MemberPausedPush(Bob.Id, null));
        members.WaitForAssertion(() => Assert.Null(Paused(members, "bob")));
    }

    [Fact]
    public async Task ADmsHeaderSaysUntilWhenTheOtherPersonPausedNotifications()
    {
        await SignInAsync(Alice);
        var text = Render<Squadra.Web.Features.Presence.PresenceText>(parameters => parameters.Add(p => p.UserId, Bob.Id).Add(p => p.Detailed, true));

        await Realtime.PushMemberPausedAsync(new MemberPausedPush(Bob.Id, DateTimeOffset.UtcNow.AddHours(1)));

        text.WaitForAssertion(() => Assert.StartsWith("Notifications paused until ", text.Find("[data-testid=presence-paused]").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterAReconnectEveryoneShownIsAskedAboutAgain()
    {
        var members = await RenderMembersAsync(new PresenceDto(Bob.Id, true, null), new PresenceDto(Carol.Id, true, null));
        members.WaitForAssertion(() => Assert.Equal("Online", Text(members, "carol")));
        // Carol left while the connection was down: her push was lost.
        Api.Answer(HttpMethod.Get, "/api/presence", HttpStatusCode.OK,
            new[] { new PresenceDto(Bob.Id, true, null), new PresenceDto(Carol.Id, false, DateTimeOffset.UtcNow.AddHours(-2)) });

        await Realtime.ConnectAsync();

        members.WaitForAssertion(() => Assert.Equal("last seen 2 h ago", Text(members, "carol")));
        Assert.Equal(2, Api.To(HttpMethod.Get, "/api/presence").Count);
    }

    [Fact]
    public async Task TheSidebarShowsWhetherTheOtherPersonOfADmIsOnline()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<TeamDto>())
            .AnswerAlways(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[] { DmSidebarTests.Dm("d-1", 0, Earlier, Alice, Bob) })
            .Answer(HttpMethod.Get, "/api/presence", HttpStatusCode.OK, new[] { new PresenceDto(Bob.Id, true, null) });

        var sidebar = Render<TeamSidebar>();

        sidebar.WaitForAssertion(() => Assert.Equal("Online", sidebar.Find("[data-testid=sidebar-dm] [data-testid=presence-dot]").GetAttribute("aria-label")));
        Assert.Equal($"?userIds={Bob.Id}", Api.To(HttpMethod.Get, "/api/presence").Single().RequestUri!.Query);
    }

    async Task<IRenderedComponent<TeamMembers>> RenderMembersAsync(params PresenceDto[] presence)
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/presence", HttpStatusCode.OK, presence);
        var team = Team(TeamRoles.Member, Member(Alice, TeamRoles.Owner), Member(Bob, TeamRoles.Member), Member(Carol, TeamRoles.Member));
        return Render<TeamMembers>(parameters => parameters.Add(p => p.Team, team).Add(p => p.MyUserId, Alice.Id));
    }

    static AngleSharp.Dom.IElement? Paused(IRenderedComponent<TeamMembers> members, string username) =>
        Row(members, username).QuerySelector("[data-testid=presence-paused]");

    static AngleSharp.Dom.IElement Row(IRenderedComponent<TeamMembers> members, string username) =>
        members.Find($"[data-testid=member-row][data-username={username}]");

    static AngleSharp.Dom.IElement Dot(IRenderedComponent<TeamMembers> members, string username) =>
        Row(members, username).QuerySelector("[data-testid=presence-dot]")!;

    static string? Text(IRenderedComponent<TeamMembers> members, string username) =>
        Row(members, username).QuerySelector("[data-testid=presence-text]")?.TextContent;
}
