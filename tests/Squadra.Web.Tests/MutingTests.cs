using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Client.Chat;
using Squadra.Contracts.Muting;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.Muting;

namespace Squadra.Web.Tests;

/// <summary>Muted chats (ChatMutes): marked and counted as nothing in the lists, toggled from a DM's header or a team's settings menu, kept in step with the user's other devices.</summary>
public sealed class MutingTests : SquadraTestContext
{
    [Fact]
    public async Task AMutedTeamOrDmShowsItsMarkAndNoCountWhileTheOthersCountTheirUnreadMessages()
    {
        await SignInAsync(Alice);
        AnswerLists(choirMuted: true, dmMuted: true);

        var sidebar = Render<TeamSidebar>();

        sidebar.WaitForAssertion(() => Assert.Equal(2, sidebar.FindAll("[data-testid=sidebar-team]").Count));
        var (band, choir) = (sidebar.FindAll("[data-testid=sidebar-team]")[0], sidebar.FindAll("[data-testid=sidebar-team]")[1]);
        Assert.Equal("4", band.QuerySelector("[data-testid=sidebar-unread]")?.TextContent);
        Assert.Null(band.QuerySelector("[data-testid=muted-mark]"));
        Assert.Null(choir.QuerySelector("[data-testid=sidebar-unread]"));
        Assert.NotNull(choir.QuerySelector("[data-testid=muted-mark]"));
        Assert.Contains("muted", choir.ClassList);
        var dm = sidebar.Find("[data-testid=sidebar-dm]");
        Assert.Null(dm.QuerySelector("[data-testid=sidebar-dm-unread]"));
        Assert.Equal("muted", dm.QuerySelector("[data-testid=muted-mark] .visually-hidden")?.TextContent);
    }

    [Fact]
    public async Task MutingOnAnotherDeviceHidesTheCountLiveAndUnmutingBringsItBack()
    {
        await SignInAsync(Alice);
        AnswerLists(choirMuted: false, dmMuted: false);
        var sidebar = Render<TeamSidebar>();
        sidebar.WaitForAssertion(() => Assert.Equal(2, sidebar.FindAll("[data-testid=sidebar-unread]").Count));

        await Realtime.PushMuteAsync(new ChatMutedPush("t-1", null, true));
        await Realtime.PushMuteAsync(new ChatMutedPush(null, "d-1", true));

        sidebar.WaitForAssertion(() => Assert.Single(sidebar.FindAll("[data-testid=sidebar-unread]")));
        Assert.Empty(sidebar.FindAll("[data-testid=sidebar-dm-unread]"));
        Assert.Equal(2, sidebar.FindAll("[data-testid=muted-mark]").Count);

        await Realtime.PushMuteAsync(new ChatMutedPush("t-1", null, false));

        sidebar.WaitForAssertion(() => Assert.Equal(2, sidebar.FindAll("[data-testid=sidebar-unread]").Count));
        Assert.Single(sidebar.FindAll("[data-testid=muted-mark]"));
    }

    [Fact]
    public async Task TheBellInADmsHeaderMutesTheChatOnTheServerAndSaysSo()
    {
        await SignInAsync(Alice);
        AnswerLists(choirMuted: false, dmMuted: false);
        Api.Answer(HttpMethod.Put, "/api/teams/t-1/mute", HttpStatusCode.NoContent)
            .Answer(HttpMethod.Put, "/api/teams/t-1/mute", HttpStatusCode.NoContent);
        var button = Render<MuteButton>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")));
        button.WaitForAssertion(() => Assert.Equal("false", button.Find("[data-testid=mute-chat]").GetAttribute("aria-pressed")));

        await button.Find("[data-testid=mute-chat]").ClickAsync(new());

        button.WaitForAssertion(() => Assert.Equal("true", button.Find("[data-testid=mute-chat]").GetAttribute("aria-pressed")));
        Assert.Equal("""{"muted":true}""", Api.BodyOf(Api.To(HttpMethod.Put, "/api/teams/t-1/mute").Single()));
        Assert.True(Services.GetRequiredService<ChatMutes>().IsMuted(ChatKey.Team("t-1")));
        Assert.Equal("Mute this chat", button.Find("[data-testid=mute-chat] .visually-hidden").TextContent);

        await button.Find("[data-testid=mute-chat]").ClickAsync(new());

        button.WaitForAssertion(() => Assert.Equal("false", button.Find("[data-testid=mute-chat]").GetAttribute("aria-pressed")));
        Assert.Equal("""{"muted":false}""", Api.BodyOf(Api.To(HttpMethod.Put, "/api/teams/t-1/mute")[1]));
    }

    [Fact]
    public async Task InATeamsSettingsMenuTheItemSaysWhatItWillDo()
    {
        await SignInAsync(Alice);
        AnswerLists(choirMuted: false, dmMuted: false);
        Api.Answer(HttpMethod.Put, "/api/teams/t-1/mute", HttpStatusCode.NoContent);
        var item = Render<MuteButton>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.InMenu, true));
        item.WaitForAssertion(() => Assert.Equal("Mute chat", item.Find("[data-testid=mute-chat]").TextContent.Trim()));
        Assert.False(item.Find("[data-testid=mute-chat]").HasAttribute("aria-pressed"));

        await item.Find("[data-testid=mute-chat]").ClickAsync(new());

        item.WaitForAssertion(() => Assert.Equal("Unmute chat", item.Find("[data-testid=mute-chat]").TextContent.Trim()));
        Assert.Equal("""{"muted":true}""", Api.BodyOf(Api.To(HttpMethod.Put, "/api/teams/t-1/mute").Single()));
    }

    [Fact]
    public async Task ARefusedMuteSaysWhyAndLeavesTheChatAsItWas()
    {
        await SignInAsync(Alice);
        AnswerLists(choirMuted: false, dmMuted: false);
        Api.AnswerProblem(HttpMethod.Put, "/api/dms/d-1/mute", HttpStatusCode.NotFound, "No such DM, or you are not in it.");
        var button = Render<MuteButton>(parameters => parameters.Add(p => p.Chat, ChatKey.Dm("d-1")));
        button.WaitForAssertion(() => Assert.Equal("false", button.Find("[data-testid=mute-chat]").GetAttribute("aria-pressed")));

        await button.Find("[data-testid=mute-chat]").ClickAsync(new());

        button.WaitForAssertion(() => Assert.Contains("not in it", button.Find("[data-testid=mute-problem]").TextContent, StringComparison.Ordinal));
        Assert.Equal("false", button.Find("[data-testid=mute-chat]").GetAttribute("aria-pressed"));
        Assert.False(Services.GetRequiredService<ChatMutes>().IsMuted(ChatKey.Dm("d-1")));
    }

    /// <summary>Band (4 unread), Choir (t-1, 2 unread), and a DM with Bob (d-1, 3 unread).</summary>
    void AnswerLists(bool choirMuted, bool dmMuted) =>
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[]
            {
                new TeamDto("t-2", "Band", "", TeamRoles.Member, 2, Earlier, LastMessageSeq: 4),
                new TeamDto("t-1", "Choir", "", TeamRoles.Owner, 3, Earlier, LastMessageSeq: 2, Muted: choirMuted),
            })
            .AnswerAlways(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[] { DmSidebarTests.Dm("d-1", 3, Earlier, Alice, Bob) with { Muted = dmMuted } });
}
