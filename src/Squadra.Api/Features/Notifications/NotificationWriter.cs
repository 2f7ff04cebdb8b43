using Npgsql;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Notifications;

/// <summary>What writing a <see cref="NotificationBatch"/> involves besides its rows: the other features' handlers, then the announcement after commit.</summary>
internal sealed class NotificationWriter(Announcer announcer, IEnumerable<INotificationsWrittenHandler> handlers)
{
    public async Task OnWrittenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<WrittenNotification> written, CancellationToken ct)
    {
        foreach (var handler in handlers)
        {
            await handler.OnWrittenAsync(connection, transaction, written, ct);
        }
        announcer.AfterCommit(transaction, new NotificationsCommitted([.. written.Select(n => n.UserId)], [.. written.Select(n => n.Seq)]));
    }
}
