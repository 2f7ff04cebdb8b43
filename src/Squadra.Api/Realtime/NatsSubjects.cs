namespace Squadra.Api.Realtime;

/// <summary>
/// One NATS subject per topic: <c>{prefix}.conv.{id}</c> for a team's or a DM's chat (one id space: a DM is kept as a
/// team), <c>{prefix}.user.{id}</c> for a user's own pushes, <c>{prefix}.all</c> for what every replica hears.
/// </summary>
internal sealed class NatsSubjects(string prefix)
{
    public string Of(FanoutTopic topic) => topic.Kind switch
    {
        FanoutTopicKind.Conversation => $"{prefix}.conv.{topic.Id}",
        FanoutTopicKind.User => $"{prefix}.user.{topic.Id}",
        _ => $"{prefix}.all",
    };
}
