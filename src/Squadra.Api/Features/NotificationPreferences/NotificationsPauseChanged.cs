using Squadra.Api.Realtime;

namespace Squadra.Api.Features.NotificationPreferences;

/// <summary>
/// A user paused notifications until <see cref="Until"/>, or resumed them (null): their devices show it
/// (<see cref="TellsUser"/>), and so do the people of <see cref="ConversationIds"/>, the teams and DMs they are in (at
/// most <see cref="FanoutPayloads.MaxIdsPerEvent"/> an event: a user in more is announced in several).
/// </summary>
internal sealed record NotificationsPauseChanged(Guid UserId, DateTimeOffset? Until, bool TellsUser, Guid[] ConversationIds) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() =>
        [.. TellsUser ? [FanoutTopic.User(UserId)] : Array.Empty<FanoutTopic>(), .. ConversationIds.Select(FanoutTopic.Conversation)];
}
