using Squadra.Client.Events;
using Squadra.Contracts.Events;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    public Task<ApiResult<EventDto>> CreateEventAsync(string teamId, CreateEventRequest request, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<EventDto>(HttpMethod.Post, EventsPath(teamId), request, signedIn: true, ct, idempotencyKey);

    /// <summary>The events overlapping [from, to), ascending by start; either end may be open.</summary>
    public Task<ApiResult<List<EventDto>>> GetEventsAsync(string teamId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default)
    {
        var query = string.Join("&", new[] { ("from", from), ("to", to) }
            .Where(p => p.Item2 is not null)
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(EventInstants.Format(p.Item2!.Value))}"));
        return SendAsync<List<EventDto>>(HttpMethod.Get, query.Length == 0 ? EventsPath(teamId) : $"{EventsPath(teamId)}?{query}",
            body: null, signedIn: true, ct);
    }

    public Task<ApiResult<EventDto>> GetEventAsync(string teamId, string eventId, CancellationToken ct = default) =>
        SendAsync<EventDto>(HttpMethod.Get, EventPath(teamId, eventId), body: null, signedIn: true, ct);

    /// <param name="scope">Of an occurrence of a series: "this" (the default), "following" or "all" (EventRules.Scope*).</param>
    public Task<ApiResult<EventDto>> UpdateEventAsync(string teamId, string eventId, UpdateEventRequest request, string? scope = null,
        CancellationToken ct = default) =>
        SendAsync<EventDto>(HttpMethod.Patch, Scoped(EventPath(teamId, eventId), scope), request, signedIn: true, ct);

    /// <summary>Cancels: the event stays, with <c>cancelled: true</c>. <paramref name="scope"/> as for an update.</summary>
    public Task<ApiResult<object>> CancelEventAsync(string teamId, string eventId, string? scope = null, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, Scoped(EventPath(teamId, eventId), scope), body: null, signedIn: true, ct);

    public Task<ApiResult<EventDto>> RsvpAsync(string teamId, string eventId, string response, CancellationToken ct = default) =>
        SendAsync<EventDto>(HttpMethod.Put, $"{EventPath(teamId, eventId)}/rsvp", new RsvpRequest(response), signedIn: true, ct);

    /// <summary>The team's members by answer; the waitlist in the order places are given.</summary>
    public Task<ApiResult<AttendanceDto>> GetAttendanceAsync(string teamId, string eventId, CancellationToken ct = default) =>
        SendAsync<AttendanceDto>(HttpMethod.Get, $"{EventPath(teamId, eventId)}/attendance", body: null, signedIn: true, ct);

    public Task<ApiResult<List<CalendarFeedDto>>> GetCalendarFeedsAsync(CancellationToken ct = default) =>
        SendAsync<List<CalendarFeedDto>>(HttpMethod.Get, "api/me/calendar-feeds", body: null, signedIn: true, ct);

    /// <summary>New feed URLs; every earlier one stops working. Not retried: a second rotation would only rotate again.</summary>
    public Task<ApiResult<List<CalendarFeedDto>>> RotateCalendarFeedsAsync(CancellationToken ct = default) =>
        SendAsync<List<CalendarFeedDto>>(HttpMethod.Post, "api/me/calendar-feeds", body: null, signedIn: true, ct);

    static string Scoped(string path, string? scope) => scope is null ? path : $"{path}?scope={Uri.EscapeDataString(scope)}";

    static string EventsPath(string teamId) => $"{TeamPath(teamId)}/events";

    static string EventPath(string teamId, string eventId) => $"{EventsPath(teamId)}/{Uri.EscapeDataString(eventId)}";
}
