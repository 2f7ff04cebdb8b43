using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Squadra.Api.Realtime;

namespace Squadra.Api.Tests.Realtime;

/// <summary>The windows that hold typing and presence pushes (issue 19 item 4), on a clock the test moves.</summary>
public sealed class PushWindowsTests
{
    private static readonly TimeSpan s_window = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(50);
    private static readonly ConcurrentDictionary<string, Guid> s_userIds = new();

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly ConcurrentQueue<IReadOnlyList<Signal>> _sentLater = new();
    private readonly PushWindows<string, Signal> _windows;

    public PushWindowsTests() => _windows = new PushWindows<string, Signal>(s_window, c => c.UserId, changes =>
    {
        _sentLater.Enqueue(changes);
        return Task.CompletedTask;
    }, _clock);

    [Fact]
    public void TheFirstChangeAfterAQuietWindowGoesOutAtOnceAndSoDoesTheFirstOfAnotherKey()
    {
        Assert.Equal(["ana"], Names(_windows.Offer("chat", [Change("ana")])));
        Assert.Equal(["ben", "cleo"], Names(_windows.Offer("other chat", [Change("ben"), Change("cleo")])));
        Assert.Null(_windows.Offer("chat", []));
    }

    [Fact]
    public void ChangesWithinTheWindowGoOutTogetherAtItsEndEachSubjectOnceWithItsLatest()
    {
        _windows.Offer("chat", [Change("ana")]);
        _clock.Advance(s_tick);
        Assert.Null(_windows.Offer("chat", [Change("ben", 1)]));
        Assert.Null(_windows.Offer("chat", [Change("cleo"), Change("ben", 2)]));
        _clock.Advance(s_window - s_tick - TimeSpan.FromTicks(1));
        Assert.Empty(_sentLater);

        _clock.Advance(TimeSpan.FromTicks(1));

        var sent = Assert.Single(_sentLater);
        Assert.Equal(["cleo", "ben"], Names(sent));
        Assert.Equal(2, sent[1].Version);
    }

    [Fact]
    public void AfterAPushAtTheWindowsEndTheNextWindowStartsThere()
    {
        _windows.Offer("chat", [Change("ana")]);
        Assert.Null(_windows.Offer("chat", [Change("ben")]));
        _clock.Advance(s_window);
        Assert.Single(_sentLater);

        _clock.Advance(s_window - s_tick);
        Assert.Null(_windows.Offer("chat", [Change("cleo")]));
        _clock.Advance(s_tick);
        Assert.Equal(2, _sentLater.Count);

        _clock.Advance(s_window);
        Assert.Equal(["dan"], Names(_windows.Offer("chat", [Change("dan")])));
    }

    [Fact]
    public void ManyQuietKeysArePrunedWithoutLosingAWaitingChangeOrTheWindowOfARecentPush()
    {
        for (var i = 0; i < 2_000; i++)
        {
            Assert.NotNull(_windows.Offer($"old chat {i}", [Change("cleo")]));
        }
        _clock.Advance(s_window);
        _windows.Offer("busy", [Change("ana")]);
        Assert.Null(_windows.Offer("busy", [Change("ben")]));
        _windows.Offer("recent", [Change("dan")]);

        for (var i = 0; i < 2_000; i++)
        {
            Assert.NotNull(_windows.Offer($"new chat {i}", [Change("cleo")]));
        }

        Assert.Null(_windows.Offer("recent", [Change("ed")]));
        _clock.Advance(s_window);
        Assert.Equal(2, _sentLater.Count);
        Assert.Equal(["cleo"], Names(_windows.Offer("old chat 1", [Change("cleo")])));
    }

    private static Signal Change(string name, int version = 0) => new(s_userIds.GetOrAdd(name, _ => Guid.NewGuid()), name, version);

    private static string[] Names(IReadOnlyList<Signal>? changes) => [.. (changes ?? []).Select(c => c.Name)];

    public sealed record Signal(Guid UserId, string Name, int Version);
}
