using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Client.Chat;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;
using Squadra.Contracts.Typing;
using Squadra.Web.Features.Chat.Typing;

namespace Squadra.Web.Tests;

/// <summary>"Ana is typing…" under a chat's messages, from the hub's pushes; the composer says so, throttled.</summary>
public sealed class TypingTests : SquadraTestContext
{
    static readonly UserDto Dave = new("u-4", "dave", "Dave Grohl");

    readonly ManualClock _clock = new();

    public TypingTests() => Services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public void OneTwoOrSeveralTypistsAreNamedSo()
    {
        Assert.Null(TypingText.Of([]));
        Assert.Equal("Bob Dylan is typing…", TypingText.Of([Bob]));
        Assert.Equal("Bob Dylan and Carol King are typing…", TypingText.Of([Bob, Carol]));
        Assert.Equal("Several people are typing…", TypingText.Of([Bob, Carol, Dave]));
    }

    [Fact]
    public async Task ThePaneNamesWhoIsTypingInThatChatOnly()
    {
        var pane = await RenderPaneAsync();
        Assert.Equal("", Line(pane));

        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Bob));
        pane.WaitForAssertion(() => Assert.Equal("Bob Dylan is typing…", Line(pane)));

        await Realtime.PushTypingAsync(new TypingPush("t-2", null, Dave));
        await Realtime.PushTypingAsync(new TypingPush(null, "d-1", Dave));
        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Carol));
        pane.WaitForAssertion(() => Assert.Equal("Bob Dylan and Carol King are typing…", Line(pane)));

        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Dave));
        pane.WaitForAssertion(() => Assert.Equal("Several people are typing…", Line(pane)));
    }

    [Fact]
    public async Task APushNamingSeveralTypistsShowsEachOfThem()
    {
        var pane = await RenderPaneAsync();

        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Bob, [Bob, Carol]));

        pane.WaitForAssertion(() => Assert.Equal("Bob Dylan and Carol King are typing…", Line(pane)));
        await Realtime.PushMessageAsync(new MessageDto("m-1", "t-1", 1, Carol, "done", DateTimeOffset.UtcNow, null, false));
        pane.WaitForAssertion(() => Assert.Equal("Bob Dylan is typing…", Line(pane)));
    }

    [Fact]
    public async Task ATypistIsShownFor5SecondsAfterTheirLastPush()
    {
        var pane = await RenderPaneAsync();
        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Bob));

        _clock.Advance(TimeSpan.FromSeconds(4));
        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Bob));
        _clock.Advance(TimeSpan.FromSeconds(4));
        pane.WaitForAssertion(() => Assert.Equal("Bob Dylan is typing…", Line(pane)));

        _clock.Advance(TimeSpan.FromSeconds(1));
        pane.WaitForAssertion(() => Assert.Equal("", Line(pane)));
    }

    [Fact]
    public async Task ATypistsMessageInThatChatEndsTheirTypingAtOnce()
    {
        var pane = await RenderPaneAsync();
        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Bob));
        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Carol));
        pane.WaitForAssertion(() => Assert.Equal("Bob Dylan and Carol King are typing…", Line(pane)));

        await Realtime.PushMessageAsync(new MessageDto("m-1", "t-1", 1, Bob, "there", DateTimeOffset.UtcNow, null, false));

        pane.WaitForAssertion(() => Assert.Equal("Carol King is typing…", Line(pane)));
    }

    [Fact]
    public async Task ASignalArrivingJustAfterTheTypistsMessageIsTakenForAnEarlierOne()
    {
        var pane = await RenderPaneAsync();
        await Realtime.PushMessageAsync(new MessageDto("m-1", "t-1", 1, Bob, "there", _clock.GetUtcNow(), null, false));

        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Bob));
        Assert.Equal("", Line(pane));

        // Typing the next message, a little later, shows again.
        _clock.Advance(TimeSpan.FromSeconds(2));
        await Realtime.PushTypingAsync(new TypingPush("t-1", null, Bob));
        pane.WaitForAssertion(() => Assert.Equal("Bob Dylan is typing…", Line(pane)));
    }

    [Fact]
    public async Task TypingInTheComposerSaysSoAtMostOnceEvery2Seconds()
    {
        var pane = await RenderPaneAsync();
        var composer = pane.Find("#messageBody");

        composer.Input("h");
        composer.Input("he");
        composer.Input("hel");
        Assert.Equal([ChatKey.Team("t-1")], Realtime.TypingSent);

        _clock.Advance(TimeSpan.FromSeconds(2));
        pane.Find("#messageBody").Input("hell");
        Assert.Equal(2, Realtime.TypingSent.Count);

        // Emptying the box is not typing.
        _clock.Advance(TimeSpan.FromSeconds(2));
        pane.Find("#messageBody").Input("");
        Assert.Equal(2, Realtime.TypingSent.Count);
    }

    async Task<IRenderedComponent<ChatPane>> RenderPaneAsync()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/teams/t-1/messages", HttpStatusCode.OK, Array.Empty<MessageDto>());
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, TeamRoles.Member));
        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=no-messages]")));
        return pane;
    }

    static string Line(IRenderedComponent<ChatPane> pane) => pane.Find("[data-testid=typing-line]").TextContent;
}
