using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Chat;
using static Squadra.Web.Tests.ChatPaneQueries;

namespace Squadra.Web.Tests;

/// <summary>A poll's deadline: chosen in the dialog, said under the poll, which closes at that moment on the viewer's clock.</summary>
public sealed class PollDeadlineTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    // 14:10 in Paris, in the past: the session signed in on the real clock has not expired on this one.
    static readonly DateTimeOffset s_now = new(2026, 12, 3, 13, 10, 0, TimeSpan.Zero);

    readonly ManualClock _clock = new() { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };

    public PollDeadlineTests()
    {
        _clock.SetNow(s_now);
        Services.AddSingleton<TimeProvider>(_clock);
    }

    static MessageDto PollMessage(DateTimeOffset? closesAt, long revision = 1) =>
        new("m-1", "t-1", 1, Bob, "Pizza or pasta?", s_now.AddMinutes(-5), null, false)
        {
            Revision = revision,
            Poll = new PollDto(false, null, [new PollOptionDto(0, "Pizza", [Bob.Id]), new PollOptionDto(1, "Pasta", [])]) { ClosesAt = closesAt },
        };

    [Fact]
    public async Task TheDialogsDeadlineIsSentAsAnInstantFromNow()
    {
        var pane = await RenderTeamChatAsync(new MessageDto("m-0", "t-1", 1, Bob, "hi", s_now, null, false));
        Api.Answer(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, PollMessage(s_now.AddDays(1)) with { Seq = 2, Id = "m-2" });
        pane.Find("[data-testid=new-poll]").Click();
        pane.Find("#poll-question").Input("Pizza or pasta?");
        pane.FindAll("[data-testid=poll-option-input]")[0].Input("Pizza");
        pane.FindAll("[data-testid=poll-option-input]")[1].Input("Pasta");
        Assert.Equal(["When I close it", "In 1 hour", "In 1 day", "In 3 days", "In 1 week"],
            pane.FindAll("[data-testid=poll-deadline] option").Select(o => o.TextContent.Trim()));

        pane.Find("[data-testid=poll-deadline]").Change("2");
        pane.Find("[data-testid=new-poll-dialog] form").Submit();

        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=new-poll-dialog]")));
        var sent = JsonSerializer.Deserialize<PostMessageRequest>(Api.BodyOf(Api.To(HttpMethod.Post, MessagesPath).Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal(s_now.AddDays(1), sent.Poll!.ClosesAt);
    }

    [Fact]
    public async Task APollSaysWhenItClosesAndClosesThenWithoutAWordFromTheServer()
    {
        var pane = await RenderTeamChatAsync(PollMessage(s_now.AddHours(2)));
        Assert.Equal("1 vote · Choose one · Closes today, 16:10", pane.Find("[data-testid=poll-summary]").TextContent.Trim());
        Assert.All(pane.FindAll("[data-testid=poll-option]"), o => Assert.False(o.HasAttribute("disabled")));

        _clock.Advance(TimeSpan.FromHours(2));

        pane.WaitForAssertion(() => Assert.Equal("1 vote · Closed", pane.Find("[data-testid=poll-summary]").TextContent.Trim()));
        Assert.All(pane.FindAll("[data-testid=poll-option]"), o => Assert.True(o.HasAttribute("disabled")));
        Assert.Contains("closed", MessageWithSeq(pane, 1).QuerySelector("[data-testid=poll]")!.ClassList);
    }

    [Fact]
    public async Task ADeadlineDaysAheadIsWaitedForADayAtATimeAndClosesThePollOnItsDay()
    {
        var pane = await RenderTeamChatAsync(PollMessage(s_now.AddDays(3)));
        Assert.Equal("1 vote · Choose one · Closes Sun 6 Dec, 14:10", pane.Find("[data-testid=poll-summary]").TextContent.Trim());

        _clock.Advance(TimeSpan.FromDays(1));
        _clock.Advance(TimeSpan.FromDays(1));
        pane.WaitForAssertion(() => Assert.Equal("1 vote · Choose one · Closes tomorrow, 14:10", pane.Find("[data-testid=poll-summary]").TextContent.Trim()));
        _clock.Advance(TimeSpan.FromDays(1));

        pane.WaitForAssertion(() => Assert.Equal("1 vote · Closed", pane.Find("[data-testid=poll-summary]").TextContent.Trim()));
    }

    [Fact]
    public async Task APollPastItsDeadlineIsClosedAndItsAuthorReopensItWithoutOne()
    {
        await SignInAsync(Bob);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, new[] { PollMessage(s_now.AddMinutes(-1)) })
            .Answer(HttpMethod.Put, $"{MessagesPath}/m-1/poll/closed", HttpStatusCode.OK, PollMessage(null, revision: 2));
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, Squadra.Client.Chat.ChatKey.Team("t-1")).Add(p => p.MyRole, Squadra.Contracts.Teams.TeamRoles.Member));
        pane.WaitForAssertion(() => Assert.Equal("1 vote · Closed", pane.Find("[data-testid=poll-summary]").TextContent.Trim()));
        Assert.Equal("Reopen poll", pane.Find("[data-testid=poll-close]").TextContent.Trim());

        pane.Find("[data-testid=poll-close]").Click();

        pane.WaitForAssertion(() => Assert.Equal("1 vote · Choose one", pane.Find("[data-testid=poll-summary]").TextContent.Trim()));
        Assert.False(JsonSerializer.Deserialize<ClosePollRequest>(Api.BodyOf(Api.To(HttpMethod.Put, $"{MessagesPath}/m-1/poll/closed").Single())!, JsonSerializerOptions.Web)!.Closed);
    }
}
