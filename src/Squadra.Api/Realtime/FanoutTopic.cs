namespace Squadra.Api.Realtime;

/// <summary>What an announcement concerns, so a broker delivers it only to the replicas with a connection concerned.</summary>
internal enum FanoutTopicKind
{
    /// <summary>A team's or a DM's chat (a DM is kept as a team, so both share one id space).</summary>
    Conversation,

    /// <summary>One user's connections, wherever they are.</summary>
    User,

    /// <summary>Every replica: only for what has no narrower topic (presence, whose board every replica keeps whole).</summary>
    Broadcast,
}

/// <summary>One topic of an announcement (<see cref="FanoutEvent.Topics"/>); with a broker, one subject each.</summary>
internal readonly record struct FanoutTopic(FanoutTopicKind Kind, Guid Id)
{
    public static readonly FanoutTopic Broadcast = new(FanoutTopicKind.Broadcast, Guid.Empty);

    public static FanoutTopic Conversation(Guid conversationId) => new(FanoutTopicKind.Conversation, conversationId);

    public static FanoutTopic User(Guid userId) => new(FanoutTopicKind.User, userId);
}
