using System.Text.Json;
using Dapper;
using Npgsql;

namespace Squadra.Api.Features.Notifications;

/// <summary>
/// The notifications one change causes, written in that change's transaction: if it rolls back,
/// nobody is notified. Numbering locks each recipient's counter in a fixed order, so concurrent
/// writers never deadlock and each user's seq becomes visible strictly in order. The lock is
/// FOR NO KEY UPDATE because writers that insert rows referencing a user already hold KEY SHARE on it.
/// What other features do with written notifications (push) runs in the same transaction, through <see cref="NotificationWriter"/>.
/// </summary>
internal sealed class NotificationBatch
{
    private readonly List<(Guid UserId, string Type, Guid? TeamId, string Data)> _items = [];

    public NotificationBatch Add(IEnumerable<Guid> recipients, string type, Guid? teamId, object data)
    {
        var json = JsonSerializer.Serialize(data, data.GetType(), JsonSerializerOptions.Web);
        _items.AddRange(recipients.Distinct().Select(user => (user, type, teamId, json)));
        return this;
    }

    public NotificationBatch Add(Guid recipient, string type, Guid? teamId, object data) => Add([recipient], type, teamId, data);

    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NotificationWriter writer, CancellationToken ct)
    {
        if (_items.Count == 0)
        {
            return;
        }
        var counts = _items.GroupBy(i => i.UserId).ToDictionary(g => g.Key, g => g.Count());
        var lastSeqs = (await connection.QueryAsync<(Guid Id, long Seq)>(new CommandDefinition(
            """
            WITH wanted AS (SELECT * FROM unnest(@ids, @counts) AS w(id, n)),
                 locked AS (SELECT u.id FROM users u JOIN wanted ON wanted.id = u.id ORDER BY u.id FOR NO KEY UPDATE OF u)
            UPDATE users u SET notification_seq = u.notification_seq + wanted.n
            FROM wanted, locked
            WHERE u.id = wanted.id AND u.id = locked.id
            RETURNING u.id, u.notification_seq
            """,
            new { ids = counts.Keys.ToArray(), counts = counts.Values.ToArray() }, transaction, cancellationToken: ct)))
            .ToDictionary(r => r.Id, r => r.Seq);

        var next = lastSeqs.ToDictionary(p => p.Key, p => p.Value - counts[p.Key] + 1);
        var rows = _items.Where(i => next.ContainsKey(i.UserId)).Select(i => (i.UserId, Seq: next[i.UserId]++, i.Type, i.TeamId, i.Data)).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notifications (user_id, seq, type, team_id, data)
            SELECT user_id, seq, type, team_id, data::jsonb
            FROM unnest(@users, @seqs, @types, @teams, @datas) AS n(user_id, seq, type, team_id, data)
            """,
            new
            {
                users = rows.Select(r => r.UserId).ToArray(),
                seqs = rows.Select(r => r.Seq).ToArray(),
                types = rows.Select(r => r.Type).ToArray(),
                teams = rows.Select(r => r.TeamId).ToArray(),
                datas = rows.Select(r => r.Data).ToArray(),
            }, transaction, cancellationToken: ct));

        await writer.OnWrittenAsync(connection, transaction, [.. rows.Select(r => new WrittenNotification(r.UserId, r.Seq, r.Type, r.TeamId, r.Data))], ct);
    }
}
