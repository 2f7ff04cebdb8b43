using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;

namespace Squadra.Web.Tests;

public sealed class EventBookTests
{
    static readonly TimeZoneInfo s_paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    static readonly DateTimeOffset s_now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void APushKeepsTheUsersOwnAnswerAndTakesTheNewCounts()
    {
        var book = new EventBook();
        book.Put(Event("e-1", s_now.AddDays(1)) with { MyRsvp = EventRules.RsvpGoing, Rsvp = new(1, 0, 0) });

        book.Apply(Event("e-1", s_now.AddDays(1)) with { MyRsvp = null, Rsvp = new(2, 1, 0) });

        var held = book.Find("e-1")!;
        Assert.Equal(EventRules.RsvpGoing, held.MyRsvp);
        Assert.Equal(new RsvpCountsDto(2, 1, 0), held.Rsvp);
    }

    [Fact]
    public void AnAnswerFromTheApiReplacesTheUsersAnswer()
    {
        var book = new EventBook();
        book.Put(Event("e-1", s_now.AddDays(1)) with { MyRsvp = EventRules.RsvpGoing });

        book.Put(Event("e-1", s_now.AddDays(1)) with { MyRsvp = EventRules.RsvpDeclined });

        Assert.Equal(EventRules.RsvpDeclined, book.Find("e-1")!.MyRsvp);
    }

    [Fact]
    public void UpcomingIsWhatHasNotEndedSoonestFirstCancelledIncluded()
    {
        var book = new EventBook();
        book.Apply(Event("later", s_now.AddDays(2)));
        book.Apply(Event("past", s_now.AddDays(-1)));
        book.Apply(Event("running", s_now.AddHours(-1), s_now.AddHours(1)));
        book.Apply(Event("cancelled", s_now.AddDays(1)) with { Cancelled = true });

        Assert.Equal(["running", "cancelled", "later"], book.Upcoming(s_now).Select(e => e.Id));
    }

    [Fact]
    public void AnEventIsOnEachLocalDayItSpansAndAnEndAtMidnightEndsTheDayBefore()
    {
        var book = new EventBook();
        // 23:30 to 01:00 the next night, Paris time (UTC+1 in December).
        book.Apply(Event("late", new(2026, 12, 1, 22, 30, 0, TimeSpan.Zero), new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
        book.Apply(Event("to-midnight", new(2026, 12, 3, 17, 0, 0, TimeSpan.Zero), new(2026, 12, 3, 23, 0, 0, TimeSpan.Zero)));

        Assert.Equal(["late"], book.On(new DateOnly(2026, 12, 1), s_paris).Select(e => e.Id));
        Assert.Equal(["late"], book.On(new DateOnly(2026, 12, 2), s_paris).Select(e => e.Id));
        Assert.Equal(["to-midnight"], book.On(new DateOnly(2026, 12, 3), s_paris).Select(e => e.Id));
        Assert.Empty(book.On(new DateOnly(2026, 12, 4), s_paris));
    }

    static EventDto Event(string id, DateTimeOffset startsAt, DateTimeOffset? endsAt = null) =>
        new(id, "t-1", id, "", "", startsAt, endsAt, new UserDto("u-1", "alice", "Alice"), false, new(0, 0, 0), null);
}
