using Squadra.Client.Events;
using Squadra.Contracts.Events;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>Marks whether a member came to an event that has started (true, false), or takes the mark back (null).</summary>
    public Task<ApiResult<AttendanceDto>> CheckInAsync(string teamId, string eventId, string memberId, bool? attended, CancellationToken ct = default)
    {
        var path = $"{EventPath(teamId, eventId)}/checkins/{Uri.EscapeDataString(memberId)}";
        return attended is null
            ? SendAsync<AttendanceDto>(HttpMethod.Delete, path, body: null, signedIn: true, ct)
            : SendAsync<AttendanceDto>(HttpMethod.Put, path, new CheckinRequest(attended), signedIn: true, ct);
    }

    /// <summary>The owner's and admins' view: each member's registered events attended and missed in [from, to).</summary>
    public Task<ApiResult<AttendanceReportDto>> GetAttendanceReportAsync(string teamId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        SendAsync<AttendanceReportDto>(HttpMethod.Get,
            $"{TeamPath(teamId)}/attendance?from={Uri.EscapeDataString(EventInstants.Format(from))}&to={Uri.EscapeDataString(EventInstants.Format(to))}",
            body: null, signedIn: true, ct);
}
