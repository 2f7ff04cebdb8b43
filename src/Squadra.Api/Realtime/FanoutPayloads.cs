using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Squadra.Api.Realtime;

/// <summary>
/// Announces fan-out events with NOTIFY inside the writing transaction: PostgreSQL delivers them
/// only if, and when, it commits, in commit order, to the LISTEN connection of every replica.
/// </summary>
internal static class FanoutPublisher
{
    public const string Channel = "squadra_fanout";

    // NOTIFY payloads must stay under 8000 bytes; a uuid and a seq take ~60 bytes in JSON.
    public const int MaxIdsPerEvent = 100;
    public const int MaxPayloadBytes = 7900;

    public static async Task PublishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FanoutEvent fanoutEvent, CancellationToken ct)
    {
        foreach (var part in Split(fanoutEvent))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_notify(@channel, @payload)",
                new { channel = Channel, payload = Serialize(part) }, transaction, cancellationToken: ct));
        }
    }

    private static string Serialize(FanoutEvent fanoutEvent)
    {
        var payload = JsonSerializer.Serialize(fanoutEvent);
        // A long message is announced by its seq alone; each replica then reads it once.
        return Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes || fanoutEvent is not MessageCommitted { Message: not null } committed
            ? payload
            : JsonSerializer.Serialize<FanoutEvent>(committed with { Message = null });
    }

    private static IEnumerable<FanoutEvent> Split(FanoutEvent fanoutEvent) => fanoutEvent switch
    {
        NotificationsCommitted n when n.UserIds.Length > MaxIdsPerEvent =>
            n.UserIds.Chunk(MaxIdsPerEvent).Zip(n.Seqs.Chunk(MaxIdsPerEvent), (u, s) => (FanoutEvent)new NotificationsCommitted(u, s)),
        MembershipChanged m when m.Joined.Length + m.Left.Length > MaxIdsPerEvent =>
            m.Joined.Chunk(MaxIdsPerEvent).Select(j => (FanoutEvent)new MembershipChanged(m.TeamId, j, []))
                .Concat(m.Left.Chunk(MaxIdsPerEvent).Select(l => (FanoutEvent)new MembershipChanged(m.TeamId, [], l))),
        _ => [fanoutEvent],
    };
}
