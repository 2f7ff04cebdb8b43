using Squadra.Client;
using Squadra.Contracts.Events;

namespace Squadra.Web.Features.Calendar;

/// <summary>
/// Who is coming, for the events whose list the user opened. A push carries counts, not names, so an open list is
/// read again whenever its event changes (<see cref="RefreshAsync"/>); while it is read the old one stays on screen,
/// and of two reads in flight the later one wins. Closing a list forgets it.
/// </summary>
public sealed class EventAttendance(string teamId, ApiClient api)
{
    readonly Dictionary<string, Entry> _open = [];

    public event Action? Changed;

    public bool IsOpen(string eventId) => _open.ContainsKey(eventId);

    /// <summary>The list last read; null while the first read is on its way or when it failed.</summary>
    public AttendanceDto? For(string eventId) => _open.GetValueOrDefault(eventId)?.Attendance;

    public string? ErrorFor(string eventId) => _open.GetValueOrDefault(eventId)?.Error;

    public Task ToggleAsync(string eventId)
    {
        if (_open.Remove(eventId))
        {
            Changed?.Invoke();
            return Task.CompletedTask;
        }

        _open[eventId] = new Entry();
        return LoadAsync(eventId);
    }

    /// <summary>Reads an open list again; nothing when it is closed.</summary>
    public Task RefreshAsync(string eventId) => IsOpen(eventId) ? LoadAsync(eventId) : Task.CompletedTask;

    /// <summary>After a reconnect: any change may have been missed.</summary>
    public Task RefreshAllAsync() => Task.WhenAll(_open.Keys.Select(LoadAsync).ToList());

    async Task LoadAsync(string eventId)
    {
        var entry = _open[eventId];
        var read = ++entry.Reads;
        Changed?.Invoke();
        var answer = await api.GetAttendanceAsync(teamId, eventId);
        // Closed meanwhile (and perhaps opened again), or a later read went out: this answer is stale.
        if (!_open.TryGetValue(eventId, out var current) || current != entry || read != entry.Reads)
            return;

        if (answer.IsSuccess)
            (entry.Attendance, entry.Error) = (answer.Value, null);
        else
            entry.Error = answer.Problem.Status == 404 ? "This event is no longer in the team's calendar." : answer.Problem.Message;
        Changed?.Invoke();
    }

    sealed class Entry
    {
        public AttendanceDto? Attendance { get; set; }

        public string? Error { get; set; }

        public int Reads { get; set; }
    }
}
