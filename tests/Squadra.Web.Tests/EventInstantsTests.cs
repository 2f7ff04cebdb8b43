using Squadra.Client.Events;
using Squadra.Contracts.Events;

namespace Squadra.Web.Tests;

public sealed class EventInstantsTests
{
    static readonly TimeZoneInfo s_paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void ALocalTimeIsSentWithTheZonesOffsetOfThatDay()
    {
        Assert.True(EventInstants.TryParseInput("2026-12-01T18:00", s_paris, out var winter));
        Assert.True(EventInstants.TryParseInput("2026-07-01T18:00", s_paris, out var summer));

        Assert.Equal("2026-12-01T18:00:00+01:00", EventInstants.Format(winter));
        Assert.Equal("2026-07-01T18:00:00+02:00", EventInstants.Format(summer));
        Assert.True(EventRules.TryParseInstant(EventInstants.Format(winter), out _));
    }

    [Fact]
    public void ATimeSkippedByTheClockChangeIsRefused() =>
        Assert.False(EventInstants.TryParseInput("2026-03-29T02:30", s_paris, out _));

    [Fact]
    public void AnInstantFromTheApiIsPutInTheFieldInTheUsersZone() =>
        Assert.Equal("2026-12-01T18:00", EventInstants.ToInput(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero), s_paris));

    [Fact]
    public void TheFormChecksWhatTheApiChecks()
    {
        var form = new EventForm(s_paris) { Title = " ", StartsAt = "", EndsAt = "2026-12-01T17:00", Location = new string('x', 201) };

        Assert.NotNull(form.ErrorFor(nameof(EventForm.Title)));
        Assert.NotNull(form.ErrorFor(nameof(EventForm.StartsAt)));
        Assert.NotNull(form.ErrorFor(nameof(EventForm.Location)));

        form.StartsAt = "2026-12-01T18:00";
        Assert.Equal("The end cannot be before the start.", form.ErrorFor(nameof(EventForm.EndsAt)));
    }

    [Fact]
    public void TheFormSendsInstantsWithOffsetsAndLeavesEmptyOptionalFieldsOut()
    {
        var form = new EventForm(s_paris) { Title = " Rehearsal ", StartsAt = "2026-12-01T18:00", Location = " " };

        Assert.Equal(new CreateEventRequest("Rehearsal", "2026-12-01T18:00:00+01:00", null, null, null, CreatorGoing: true), form.ToCreateRequest());
    }

    [Fact]
    public void AMonthIsShownAsWholeWeeksFromMonday()
    {
        var days = MonthGrid.Days(new DateOnly(2026, 12, 15));

        Assert.Equal(new DateOnly(2026, 11, 30), days[0]);
        Assert.Equal(new DateOnly(2027, 1, 3), days[^1]);
        Assert.Equal(35, days.Count);
    }
}
