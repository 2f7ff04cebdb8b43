using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Features.Saved;

internal sealed class SavedReminderOptions
{
    public const string Section = "Saved:Reminders";

    /// <summary>How often each replica looks for due reminders: how late one may go off at most.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Off in tests that drive <see cref="SavedReminderSweeper.SweepAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;
}
