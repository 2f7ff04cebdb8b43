using System.Globalization;
using Squadra.Client.Events;
using Squadra.Contracts.Events;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Calendar;

/// <summary>
/// The create and edit dialog's fields. Times are datetime-local values ("2026-12-01T18:00") read in the user's zone
/// and sent with its offset, as the API requires. The capacity is the number field's text, so a bad one is said
/// beside it rather than lost. How it repeats (create only) is in EventForm.Recurrence.cs.
/// </summary>
public sealed partial class EventForm(TimeZoneInfo zone) : IFormModel
{
    public string? Title { get; set; }

    public string? StartsAt { get; set; }

    public string? EndsAt { get; set; }

    public string? Location { get; set; }

    public string? Description { get; set; }

    /// <summary>The most members going; empty for no limit.</summary>
    public string? Capacity { get; set; }

    /// <summary>The last moment an answer is taken; empty for none.</summary>
    public string? RsvpDeadline { get; set; }

    /// <summary>Minutes before the start that members without an answer are asked; empty for the server's usual time.</summary>
    public string? RsvpRequestLead { get; set; }

    /// <summary>On create: the creator answers going at once (an organiser usually attends what they plan).</summary>
    public bool CreatorGoing { get; set; } = true;

    /// <summary>The edited event had a deadline: emptying the field must then be sent (see <see cref="ToUpdateRequest"/>).</summary>
    bool HadDeadline { get; init; }

    public IReadOnlyCollection<string> FieldNames { get; } =
        [nameof(Title), nameof(StartsAt), nameof(EndsAt), nameof(Location), nameof(Description), nameof(Capacity), nameof(RsvpDeadline),
         .. s_recurrenceFieldNames];

    /// <summary>The user's zone: times are read in it, and a series keeps its local time there.</summary>
    TimeZoneInfo Zone => zone;

    public static EventForm From(EventDto e, TimeZoneInfo zone)
    {
        var form = Fields(e, zone);
        form.LoadRule(e.Recurrence);
        return form;
    }

    static EventForm Fields(EventDto e, TimeZoneInfo zone) => new(zone)
    {
        Title = e.Title,
        StartsAt = EventInstants.ToInput(e.StartsAt, zone),
        EndsAt = e.EndsAt is { } end ? EventInstants.ToInput(end, zone) : null,
        Location = e.Location,
        Description = e.Description,
        Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture),
        // A deadline at the start is how an emptied one was sent: it shows empty again.
        RsvpDeadline = e.RsvpDeadline is { } deadline && deadline != e.StartsAt ? EventInstants.ToInput(deadline, zone) : null,
        HadDeadline = e.RsvpDeadline is not null,
        RsvpRequestLead = e.RsvpRequestLeadMinutes?.ToString(CultureInfo.InvariantCulture),
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
        nameof(Capacity) => CapacityError(),
        nameof(RsvpDeadline) => DeadlineError(),
        _ => RecurrenceError(fieldName),
    };

    string? EndError()
    {
        if (string.IsNullOrWhiteSpace(EndsAt))
            return null;
        if (!EventInstants.TryParseInput(EndsAt, zone, out var end))
            return "That is not a date and time that exists here.";
        return EventInstants.TryParseInput(StartsAt, zone, out var start) && end < start ? "The end cannot be before the start." : null;
    }

    // The API's rule (EventRules.CapacityError), in the form's words; 0 is not offered: an empty field is "no limit".
    string? CapacityError()
    {
        if (string.IsNullOrWhiteSpace(Capacity))
            return null;
        return !int.TryParse(Capacity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var places)
            || EventRules.CapacityError(places, zeroRemoves: false) is not null
            ? $"Places are a whole number from 1 to {EventRules.CapacityMax}; leave it empty for no limit."
            : null;
    }

    // As the API checks it: the deadline may not follow the start.
    string? DeadlineError()
    {
        if (string.IsNullOrWhiteSpace(RsvpDeadline))
            return null;
        if (!EventInstants.TryParseInput(RsvpDeadline, zone, out var deadline))
            return "That is not a date and time that exists here.";
        return EventInstants.TryParseInput(StartsAt, zone, out var start) && deadline > start
            ? "Answers must close by the start, not after it."
            : null;
    }

    public CreateEventRequest ToCreateRequest() =>
        new(Title?.Trim(), Instant(StartsAt), Instant(EndsAt), Optional(Location), Optional(Description),
            Capacity: Places(), RsvpDeadline: Instant(RsvpDeadline), RsvpRequestLeadMinutes: RequestLead(), CreatorGoing: CreatorGoing,
            Recurrence: ToRecurrence());

    /// <summary>
    /// Every field, so the event becomes what the form shows, and a series' rule when the user changed it (for the
    /// following occurrences or all). An emptied end cannot be sent (absent means unchanged);
    /// an emptied capacity is sent as 0, which removes the limit; an emptied deadline, since absent would keep the old
    /// one, as the start, which is what EventDto says no deadline means (answers close when the event begins).
    /// </summary>
    public UpdateEventRequest ToUpdateRequest() =>
        new(Title?.Trim(), Instant(StartsAt), Instant(EndsAt), Location?.Trim() ?? "", Description?.Trim() ?? "",
            Capacity: Places() ?? 0,
            RsvpDeadline: Instant(RsvpDeadline) ?? (HadDeadline ? Instant(StartsAt) : null),
            RsvpRequestLeadMinutes: RequestLead(),
            Recurrence: !RuleLocked && RuleChanged ? ToRecurrence() : null);

    // The field is a choice of whole minutes; empty (the usual time) is sent as absent.
    int? RequestLead() => int.TryParse(RsvpRequestLead, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : null;

    int? Places() => int.TryParse(Capacity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var places) ? places : null;

    string? Instant(string? value) => EventInstants.TryParseInput(value, zone, out var instant) ? EventInstants.Format(instant) : null;

    static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
