using Dapper;
using Npgsql;
using Squadra.Api.Features.Notifications;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.DirectMessages;

/// <summary>
/// Every message of a DM tells each other member (<c>dm.message</c>), written with the message in its transaction;
/// not those who muted the DM, unless the message mentions them (mentions reach people through a mute, as in team chat).
/// </summary>
internal static class DmMessageNotices
{
    public static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NotificationWriter notificationWriter, Guid dmId, MessageDto message, IReadOnlyList<Guid> mentioned, CancellationToken ct)
    {
        var others = await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM team_members WHERE team_id = @dmId AND role = 'dm' AND user_id <> @authorId AND (NOT muted OR user_id = ANY(@mentioned))",
            new { dmId, authorId = Guid.Parse(message.Author.Id), mentioned = mentioned.ToArray() }, transaction, cancellationToken: ct));
        // A DM is no team: its notifications carry no team id.
        await new NotificationBatch()
            .Add(others, NotificationTypes.DmMessage, teamId: null, new DmMessageData(message))
            .WriteAsync(connection, transaction, notificationWriter, ct);
    }
}
