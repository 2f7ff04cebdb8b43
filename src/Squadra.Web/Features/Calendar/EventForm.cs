using Squadra.Client.Events;
using Squadra.Contracts.Events;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Calendar;

/// <summary>
/// The create and edit dialog's fields. Times are datetime-local values ("2026-12-01T18:00") read in the user's zone
/// and sent with its offset, as the API requires.
/// </summary>
public sealed class EventForm(TimeZoneInfo zone) : IFormModel
{
    public string? Title { get; set; }

    public string? StartsAt { get; set; }

    public string? EndsAt { get; set; }

    public string? Location { get; set; }

    public string? Description { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(Title), nameof(StartsAt), nameof(EndsAt), nameof(Location), nameof(Description)];

    public static EventForm From(EventDto e, TimeZoneInfo zone) => new(zone)
    {
        Title = e.Title,
        StartsAt = EventInstants.ToInput(e.StartsAt, zone),
        EndsAt = e.EndsAt is { } end ? EventInstants.ToInput(end, zone) : null,
        Location = e.Location,
        Description = e.Description,
    };

    public string? ErrorFor(string fieldName) => fieldName switch
    {
        nameof(Title) => EventRules.TitleError(Title),
        nameof(StartsAt) => string.IsNullOrWhiteSpace(StartsAt) ? "A start date and time is required."
            : !EventInstants.TryParseInput(StartsAt, zone, out _) ? "That is not a date and time that exists here."
            : null,
        nameof(EndsAt) => EndError(),
        nameof(Location) => EventRules.LengthError(Location, EventRules.LocationMaxLength, "A location"),
        nameof(Description) => EventRules.LengthError(Description, EventRules.DescriptionMaxLength, "A description"),
        _ => null,
    };

    string? EndError()
    {
        if (string.IsNullOrWhiteSpace(EndsAt))
            return null;
        if (!EventInstants.TryParseInput(EndsAt, zone, out var end))
            return "That is not a date and time that exists here.";
        return EventInstants.TryParseInput(StartsAt, zone, out var start) && end < start ? "The end cannot be before the start." : null;
    }

    public CreateEventRequest ToCreateRequest() =>
        new(Title?.Trim(), Instant(StartsAt), Instant(EndsAt), Optional(Location), Optional(Description));

    /// <summary>Every field, so the event becomes what the form shows. An emptied end cannot be sent (absent means unchanged).</summary>
    public UpdateEventRequest ToUpdateRequest() =>
        new(Title?.Trim(), Instant(StartsAt), Instant(EndsAt), Location?.Trim() ?? "", Description?.Trim() ?? "");

    string? Instant(string? value) => EventInstants.TryParseInput(value, zone, out var instant) ? EventInstants.Format(instant) : null;

    static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
