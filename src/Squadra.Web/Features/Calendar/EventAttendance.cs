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

    /// <summary>
    /// Marks whether a member came (true, false) or takes the mark back (null); the answer is the list as it is now, shown
    /// at once. A refusal shows in the list, which keeps what it showed.
    /// </summary>
    public Task MarkAsync(string eventId, string memberId, bool? attended) =>
        ReadAsync(eventId, () => api.CheckInAsync(teamId, eventId, memberId, attended), problem => problem.Message);

    /// <summary>After a reconnect: any change may have been missed.</summary>
    public Task RefreshAllAsync() => Task.WhenAll(_open.Keys.Select(LoadAsync).ToList());

    Task LoadAsync(string eventId) =>
        ReadAsync(eventId, () => api.GetAttendanceAsync(teamId, eventId),
            problem => problem.Status == 404 ? "This event is no longer in the team's calendar." : problem.Message);

    // The list's new state from the API: a read, or what a mark answers.
    async Task ReadAsync(string eventId, Func<Task<ApiResult<AttendanceDto>>> read, Func<ApiProblem, string> describe)
    {
        if (!_open.TryGetValue(eventId, out var entry))
            return;
        var number = ++entry.Reads;
        Changed?.Invoke();
        var answer = await read();
        // Closed meanwhile (and perhaps opened again), or a later read went out: this answer is stale.
        if (!_open.TryGetValue(eventId, out var current) || current != entry || number != entry.Reads)
            return;

        if (answer.IsSuccess)
            (entry.Attendance, entry.Error) = (answer.Value, null);
        else
            entry.Error = describe(answer.Problem);
        Changed?.Invoke();
    }

    sealed class Entry
    {
        public AttendanceDto? Attendance { get; set; }

        public string? Error { get; set; }

        public int Reads { get; set; }
    }
}
