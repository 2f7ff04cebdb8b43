namespace Squadra.Api.Features.Events;

internal sealed class ReminderOptions
{
    public const string Section = "Events:Reminders";

    /// <summary>How long before an event's start its reminders go out.</summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each replica looks for due reminders.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Off in tests that drive <see cref="ReminderSweeper.SweepAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;
}
