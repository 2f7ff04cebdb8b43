using Npgsql;
using Squadra.Api.Features.Notifications;

namespace Squadra.Api.Features.Teams;

/// <summary>
/// Another feature's part in a member leaving a team or being removed from it, done in the removal's own transaction
/// (the membership row is already deleted there), so it happens when, and only if, the removal commits. Events give
/// the leaver's places to their waitlists. Teams names no such feature (Events builds on Teams, not the reverse): each
/// registers its handler in its own setup. Notifications go into the removal's batch, written once after every
/// handler has run, so the recipients are locked in one pass (NotificationBatch) and after the handlers' own locks.
/// </summary>
internal interface IMemberDepartureHandler
{
    Task OnMemberLeftAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid userId, NotificationBatch notifications, CancellationToken ct);
}
