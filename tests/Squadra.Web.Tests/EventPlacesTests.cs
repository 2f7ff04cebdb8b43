using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;

namespace Squadra.Web.Tests;

public sealed class EventPlacesTests
{
    static readonly DateTimeOffset s_start = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, 5, 0, null)]
    [InlineData(10, 3, 0, "3 of 10 places taken")]
    [InlineData(1, 0, 0, "0 of 1 place taken")]
    [InlineData(2, 2, 0, "Full")]
    [InlineData(2, 2, 2, "Full · 2 waiting")]
    [InlineData(5, 3, 1, "3 of 5 places taken · 1 waiting")]
    public void PlacesAreSaidWithTheWaitlist(int? capacity, int going, int waiting, string? expected) =>
        Assert.Equal(expected, EventPlaces.Describe(Event() with { Capacity = capacity, Rsvp = new(going, 0, 0, waiting) }));

    [Fact]
    public void ADeadlineAtTheStartIsNotRepeated()
    {
        var clock = new ManualClock();
        clock.SetNow(s_start.AddDays(-3));

        Assert.Null(EventPlaces.Deadline(Event() with { RsvpDeadline = s_start }, clock));
        Assert.Equal("Answers by Thu 3 Dec, 17:00", EventPlaces.Deadline(Event() with { RsvpDeadline = s_start.AddDays(-1) }, clock));
        Assert.Equal("Answers by tomorrow, 17:00", EventPlaces.Deadline(Event() with { RsvpDeadline = s_start.AddDays(-2) }, clock));
    }

    static EventDto Event() =>
        new("e-1", "t-1", "Gig", "", "", s_start, null, new UserDto("u-1", "alice", "Alice"), false, new(0, 0, 0), null);
}
