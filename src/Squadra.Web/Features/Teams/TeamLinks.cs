namespace Squadra.Web.Features.Teams;

/// <summary>The app's addresses for a team and what is in it, relative to the base href.</summary>
public static class TeamLinks
{
    public static string Team(string teamId) => $"teams/{Uri.EscapeDataString(teamId)}";

    /// <summary>The team's chat opened at one message (loaded however far back it is, then marked for a moment).</summary>
    public static string Message(string teamId, long seq) => $"{Team(teamId)}?message={seq}";

    /// <summary>The team's calendar, opened on one event when given.</summary>
    public static string Calendar(string teamId, string? eventId = null) =>
        eventId is null ? $"{Team(teamId)}/calendar" : $"{Team(teamId)}/calendar?event={Uri.EscapeDataString(eventId)}";

    /// <summary>The team's attendance over a period: the owner's and admins' view, from the calendar.</summary>
    public static string Attendance(string teamId) => $"{Team(teamId)}/attendance";

    /// <summary>The team's members and invitations: beside the chat on a wide screen, a section of its own on a phone.</summary>
    public static string Members(string teamId) => $"{Team(teamId)}/members";
}
