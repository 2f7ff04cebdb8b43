using System.Net;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.DirectMessages;

namespace Squadra.Web.Tests;

public sealed class DmPageTests : SquadraTestContext
{
    [Fact]
    public async Task ADmThatIsNotTheUsersSaysItWasNotFound()
    {
        await SignInAsync(Alice);
        Api.AnswerProblem(HttpMethod.Get, "/api/dms/d-x", HttpStatusCode.NotFound, "Not found.");

        var page = Render<DmPage>(parameters => parameters.Add(p => p.DmId, "d-x"));

        page.WaitForAssertion(() => Assert.Contains("no such conversation", page.Find("[data-testid=dm-not-found]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=chat-pane]"));
    }

    [Fact]
    public async Task TheDmIsNamedByTheOthersAndItsChatIsTheDmsWithNoOneElsesMessagesToDelete()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/dms/d-1", HttpStatusCode.OK, DmSidebarTests.Dm("d-1", 1, Earlier, Alice, Bob))
            .Answer(HttpMethod.Get, "/api/dms/d-1/messages", HttpStatusCode.OK, new[] { DmSidebarTests.DmMessage("d-1", 1, Bob) });

        var page = Render<DmPage>(parameters => parameters.Add(p => p.DmId, "d-1"));

        page.WaitForAssertion(() => Assert.Equal("hi", page.Find("[data-testid=message] .message-body").TextContent.Trim()));
        Assert.Equal("Bob Dylan", page.Find("[data-testid=dm-name]").TextContent);
        page.Find("[data-testid=message-menu]").Click();
        Assert.Empty(page.FindAll("[data-testid=edit-message]"));
        Assert.Empty(page.FindAll("[data-testid=delete-message]"));
    }

    [Fact]
    public async Task WhileTheDmIsOnScreenItsMessagesNotificationsAreReadAndNoOthers()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/dms/d-1", HttpStatusCode.OK, DmSidebarTests.Dm("d-1", 1, Earlier, Alice, Bob))
            .Answer(HttpMethod.Get, "/api/dms/d-1/messages", HttpStatusCode.OK, new[] { DmSidebarTests.DmMessage("d-1", 1, Bob) })
            .Answer(HttpMethod.Post, "/api/notifications/read", HttpStatusCode.NoContent);
        var page = Render<DmPage>(parameters => parameters.Add(p => p.DmId, "d-1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=message]")));

        await Realtime.PushAsync(Notification(1, NotificationTypes.DmMessage, new { message = DmSidebarTests.DmMessage("d-2", 1, Carol) }, teamId: null));
        await Realtime.PushAsync(Notification(2, NotificationTypes.DmMessage, new { message = DmSidebarTests.DmMessage("d-1", 2, Bob) }, teamId: null));

        page.WaitForAssertion(() => Assert.Single(Api.To(HttpMethod.Post, "/api/notifications/read")));
        Assert.Contains("\"dmId\":\"d-1\"", Api.BodyOf(Api.To(HttpMethod.Post, "/api/notifications/read").Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyDmSaysHelloWithoutATeam()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/dms/d-1", HttpStatusCode.OK, DmSidebarTests.Dm("d-1", 0, Earlier, Alice, Bob, Carol))
            .Answer(HttpMethod.Get, "/api/dms/d-1/messages", HttpStatusCode.OK, Array.Empty<MessageDto>());

        var page = Render<DmPage>(parameters => parameters.Add(p => p.DmId, "d-1"));

        page.WaitForAssertion(() => Assert.Equal("Say hello.", page.Find("[data-testid=no-messages] .body").TextContent));
        Assert.Equal("Bob Dylan, Carol King", page.Find("[data-testid=dm-name]").TextContent);
    }

    [Fact]
    public async Task MessageOnAMemberRowOpensTheDmWithThemAndGoesThere()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Post, "/api/dms", HttpStatusCode.OK, DmSidebarTests.Dm("d-1", 3, Earlier, Alice, Bob));
        var row = Render<MemberRow>(parameters => parameters.Add(p => p.Member, Member(Bob, TeamRoles.Member))
            .Add(p => p.MyRole, TeamRoles.Member).Add(p => p.MyUserId, Alice.Id));

        row.Find("[data-testid=message-member]").Click();

        row.WaitForAssertion(() => Assert.Equal("/dms/d-1", CurrentPath));
        Assert.Contains("\"userIds\":[\"u-2\"]", Api.BodyOf(Api.To(HttpMethod.Post, "/api/dms").Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoMessageButtonOnTheUsersOwnRow()
    {
        await SignInAsync(Alice);
        var row = Render<MemberRow>(parameters => parameters.Add(p => p.Member, Member(Alice, TeamRoles.Member))
            .Add(p => p.MyRole, TeamRoles.Member).Add(p => p.MyUserId, Alice.Id));

        Assert.Empty(row.FindAll("[data-testid=message-member]"));
    }
}
