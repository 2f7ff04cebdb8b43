using Npgsql;

namespace Squadra.Api.Features.Notifications;

/// <summary>
/// A feature's part in writing notifications, run in the transaction that writes them (so it commits or rolls back
/// with them): Push queues its messages here. Registered by that feature; Notifications knows none of them.
/// </summary>
internal interface INotificationsWrittenHandler
{
    Task OnWrittenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<WrittenNotification> written, CancellationToken ct);
}

/// <summary>One notification as written: its recipient, seq, type, team and <c>data</c> as JSON.</summary>
internal sealed record WrittenNotification(Guid UserId, long Seq, string Type, Guid? TeamId, string Data);
