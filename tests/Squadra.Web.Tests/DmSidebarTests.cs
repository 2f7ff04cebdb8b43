using System.Net;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>The sidebar's "Direct messages" (MyDms underneath): named by the others, counted, kept live.</summary>
public sealed class DmSidebarTests : SquadraTestContext
{
    [Fact]
    public async Task EachDmIsNamedByTheOtherPeopleInItAndCountsItsUnreadMessages()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<TeamDto>())
            .AnswerAlways(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[]
            {
                Dm("d-1", 5, Earlier, Alice, Bob) with { LastReadSeq = 2 },
                Dm("d-2", 0, Earlier.AddMinutes(-5), Alice, Bob, Carol),
            });

        var sidebar = Render<TeamSidebar>();

        sidebar.WaitForAssertion(() => Assert.Equal(["Bob Dylan", "Bob and Carol"], Names(sidebar)));
        Assert.Equal("dms/d-1", sidebar.FindAll("[data-testid=sidebar-dm]")[0].GetAttribute("href"));
        Assert.Equal("3", sidebar.Find("[data-testid=sidebar-dm-unread]").TextContent);
        Assert.Single(sidebar.FindAll("[data-testid=sidebar-dm-unread]"));
    }

    [Fact]
    public async Task APushedMessageRaisesItsDmToTheTopWithItsCount()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<TeamDto>())
            .AnswerAlways(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[]
            {
                Dm("d-1", 0, Earlier, Alice, Bob),
                Dm("d-2", 0, Earlier.AddMinutes(-5), Alice, Carol),
            });
        var sidebar = Render<TeamSidebar>();
        sidebar.WaitForAssertion(() => Assert.Equal(["Bob Dylan", "Carol King"], Names(sidebar)));

        await Realtime.PushMessageAsync(DmMessage("d-2", 1, Carol));

        sidebar.WaitForAssertion(() => Assert.Equal(["Carol King", "Bob Dylan"], Names(sidebar)));
        Assert.Equal("1", sidebar.Find("[data-testid=sidebar-dm-unread]").TextContent);
        Assert.Single(Api.To(HttpMethod.Get, "/api/dms"));
    }

    [Fact]
    public async Task AMessageOfADmNotListedReloadsTheListSoADmSomeoneElseOpenedAppears()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<TeamDto>())
            .Answer(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, Array.Empty<DmDto>())
            .Answer(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[] { Dm("d-9", 1, DateTimeOffset.UtcNow, Alice, Bob) });
        var sidebar = Render<TeamSidebar>();
        sidebar.WaitForAssertion(() => Assert.Contains("Talk to anyone", sidebar.Markup, StringComparison.Ordinal));

        // The notification says it (the chat itself was never opened here, so no room hears the push).
        await Realtime.PushAsync(Notification(1, NotificationTypes.DmMessage, new { message = DmMessage("d-9", 1, Bob) }, teamId: null));

        sidebar.WaitForAssertion(() => Assert.Equal(["Bob Dylan"], Names(sidebar)));
        Assert.Equal("1", sidebar.Find("[data-testid=sidebar-dm-unread]").TextContent);
    }

    [Fact]
    public async Task NewMessageOpensTheDialog()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<TeamDto>());
        var sidebar = Render<TeamSidebar>();

        sidebar.Find("[data-testid=sidebar-new-dm]").Click();

        sidebar.WaitForAssertion(() => Assert.NotNull(sidebar.Find("[data-testid=new-dm-dialog] #dmPeople")));
    }

    static List<string> Names(IRenderedComponent<TeamSidebar> sidebar) =>
        [.. sidebar.FindAll("[data-testid=sidebar-dm] .name").Select(e => e.TextContent)];

    internal static DmDto Dm(string id, long lastSeq, DateTimeOffset lastActivity, params UserDto[] members) =>
        new(id, members, lastSeq, 0, lastActivity, Earlier.AddDays(-1));

    internal static MessageDto DmMessage(string dmId, long seq, UserDto author) =>
        new($"m-{dmId}-{seq}", null, seq, author, "hi", DateTimeOffset.UtcNow, null, false) { DmId = dmId };
}
