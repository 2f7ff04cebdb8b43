using System.Text;
using System.Text.Json;

namespace Squadra.Api.Realtime;

/// <summary>How fan-out events travel on the NOTIFY channel: JSON, each payload under PostgreSQL's 8000-byte limit.</summary>
internal static class FanoutPayloads
{
    public const string Channel = "squadra_fanout";

    // NOTIFY payloads must stay under 8000 bytes; a uuid and a seq take ~60 bytes in JSON.
    public const int MaxIdsPerEvent = 100;
    public const int MaxPayloadBytes = 7900;

    public static IEnumerable<string> Of(FanoutEvent fanoutEvent) => Split(fanoutEvent).Select(Serialize);

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
