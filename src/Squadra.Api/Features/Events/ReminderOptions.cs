using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Features.Events;

internal sealed class ReminderOptions
{
    public const string Section = "Events:Reminders";

    /// <summary>How long before an event's start its reminders go out.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Lead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long before an event's start members who have not answered are asked to (event.rsvpRequested); an event
    /// may set its own (rsvpRequestLeadMinutes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan NonResponderLead { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How often each replica looks for due reminders.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Off in tests that drive <see cref="ReminderSweeper.SweepAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;
}
