using Squadra.Client;
using Squadra.Client.Events;
using Squadra.Contracts.Events;

namespace Squadra.Web.Features.Calendar;

/// <summary>
/// One team's calendar as the page shows it: what is coming up, the month on screen, the user's answers in flight,
/// fed by the API and by pushes (<see cref="Apply"/>) into an <see cref="EventBook"/>. Events carry no seq, so after
/// a reconnect everything shown is read again (<see cref="ReloadAsync"/>), the open attendance lists too (which are
/// also read again whenever their event changes). No rendering here: the page subscribes to <see cref="Changed"/>
/// and to <see cref="Attendance"/>'s.
/// </summary>
public sealed class TeamCalendarStore(string teamId, ApiClient api, TimeProvider clock)
{
    readonly EventBook _book = new();
    readonly Dictionary<string, string> _errors = [];
    string? _fetchedSelection;

    public event Action? Changed;

    public EventBook Book => _book;

    /// <summary>Who is coming, for the events whose list is open.</summary>
    public EventAttendance Attendance { get; } = new(teamId, api);

    /// <summary>What has not ended yet, soonest first.</summary>
    public IReadOnlyList<EventDto> Upcoming { get; private set; } = [];

    /// <summary>The first day of the month on screen.</summary>
    public DateOnly Month { get; private set; } =
        MonthGrid.FirstOf(DateOnly.FromDateTime(EventInstants.ToLocal(clock.GetUtcNow(), clock.LocalTimeZone).DateTime));

    public bool IsLoaded { get; private set; }

    public bool IsMonthLoading { get; private set; }

    /// <summary>The event an answer or a cancellation is on its way for.</summary>
    public string? BusyWith { get; private set; }

    /// <summary>Why the calendar, the month or a linked event could not be read.</summary>
    public string? Error { get; private set; }

    public string? ErrorFor(string eventId) => _errors.GetValueOrDefault(eventId);

    public EventDto? Find(string eventId) => _book.Find(eventId);

    /// <summary>What is coming up and the month on screen, read again.</summary>
    public async Task ReloadAsync()
    {
        var upcoming = api.GetEventsAsync(teamId, clock.GetUtcNow(), to: null);
        var month = LoadMonthAsync(Month);
        var attendance = Attendance.RefreshAllAsync();
        var answer = await upcoming;
        if (answer.IsSuccess)
            _book.PutAll(answer.Value);
        Error = answer.Problem?.Message;
        IsLoaded = true;
        await month;
        await attendance;
        Refresh();
    }

    public async Task ShowMonthAsync(DateOnly month)
    {
        Month = MonthGrid.FirstOf(month);
        await LoadMonthAsync(Month);
        Refresh();
    }

    /// <summary>A deep link to an event outside what is loaded (long past, far ahead) reads that one event.</summary>
    public async Task LoadSelectionAsync(string? eventId)
    {
        if (eventId is null || eventId == _fetchedSelection || !IsLoaded || _book.Find(eventId) is not null)
            return;

        _fetchedSelection = eventId;
        var found = await api.GetEventAsync(teamId, eventId);
        if (found.IsSuccess)
            Put(found.Value);
        else if (found.Problem.Status == 404)
        {
            Error = "That event is not in this team's calendar.";
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// One event read again for this user: a push never carries the user's own answer, so when a place freed up for
    /// them (event.promoted) only a read tells the card they are going now.
    /// </summary>
    public async Task RefreshEventAsync(string eventId)
    {
        if (await api.GetEventAsync(teamId, eventId) is { IsSuccess: true } current)
            Put(current.Value);
    }

    public Task RsvpAsync(EventDto e, string response) => RunAsync(e, async () =>
    {
        var answered = await api.RsvpAsync(teamId, e.Id, response);
        if (answered.IsSuccess)
            Put(answered.Value);
        return answered.Problem;
    });

    /// <summary>
    /// Cancels one event, or with a <paramref name="scope"/> of "following" or "all" more of its series: those are
    /// read again here at once (the team's one push for the change makes the other members' calendars read them).
    /// </summary>
    public Task CancelAsync(EventDto e, string? scope = null) => RunAsync(e, async () =>
    {
        var cancelled = await api.CancelEventAsync(teamId, e.Id, scope);
        if (cancelled.IsSuccess)
        {
            Put(e with { Cancelled = true });
            if (SeriesScope.ReachesOthers(scope))
                await ReloadAsync();
        }

        return cancelled.Problem;
    });

    /// <summary>An answer of the API for this user (a saved dialog, an RSVP): taken as it is.</summary>
    public void Put(EventDto e)
    {
        _book.Put(e);
        Refresh();
        _ = Attendance.RefreshAsync(e.Id);
    }

    /// <summary>A pushed change; the user's own answer, which a push does not carry, stays.</summary>
    public void Apply(EventDto pushed)
    {
        if (pushed.TeamId != teamId)
            return;

        _book.Apply(pushed);
        Refresh();
        _ = Attendance.RefreshAsync(pushed.Id);
    }

    /// <summary>
    /// The one push of a change to several occurrences of a series (made, changed or cancelled "following" or "all"):
    /// it carried only the occurrence the change was made on, so what is shown is read again.
    /// </summary>
    public Task ReloadForSeriesAsync(EventChangedPush pushed) => pushed.TeamId == teamId ? ReloadAsync() : Task.CompletedTask;

    async Task LoadMonthAsync(DateOnly month)
    {
        var zone = clock.LocalTimeZone;
        var days = MonthGrid.Days(month);
        // No Changed here: a reload after a reconnect would flash "Loading…" over a month already shown; when the
        // user turns the month, the page renders at the click's first await anyway.
        IsMonthLoading = true;
        try
        {
            var answer = await api.GetEventsAsync(teamId, EventInstants.StartOfDay(days[0], zone), EventInstants.StartOfDay(days[^1].AddDays(1), zone));
            if (answer.IsSuccess)
                _book.PutAll(answer.Value);
            else
                Error = answer.Problem.Message;
        }
        finally
        {
            IsMonthLoading = false;
        }
    }

    async Task RunAsync(EventDto e, Func<Task<ApiProblem?>> action)
    {
        BusyWith = e.Id;
        _errors.Remove(e.Id);
        Changed?.Invoke();
        try
        {
            var problem = await action();
            if (problem is null)
                return;

            _errors[e.Id] = problem.Status switch
            {
                409 when RsvpAnswers.IsAnswersClosed(problem) => RsvpAnswers.Refused(problem),
                409 => "This event was cancelled, so it can no longer change.",
                403 => "Only the event's creator, the owner and admins can do that.",
                _ => problem.Message,
            };
            // Someone else cancelled it, closed its answers or it changed: show it as it is now.
            if (problem.Status is 409 or 403 && (await api.GetEventAsync(teamId, e.Id)) is { IsSuccess: true } current)
                Put(current.Value);
        }
        finally
        {
            BusyWith = null;
            Changed?.Invoke();
        }
    }

    void Refresh()
    {
        Upcoming = _book.Upcoming(clock.GetUtcNow());
        Changed?.Invoke();
    }
}
