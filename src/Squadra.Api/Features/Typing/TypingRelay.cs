using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Auth;
using Squadra.Api.Features.Accounts;
using Squadra.Api.Features.Chat;
using Squadra.Api.Realtime;
using Squadra.Contracts.Typing;

namespace Squadra.Api.Features.Typing;

/// <summary>
/// Passes a connection's "typing" on to the other members, at most once per <see cref="MinInterval"/> per connection
/// (a client sends one per keystroke burst; the others show it for 5 s). Membership is checked against this replica's
/// memory of the user's teams and DMs (kept by Teams' fan-out), so a signal costs no database round trip; nothing is
/// written. A signal from a non-member, for a chat of the other kind, or too soon is dropped without a word.
/// </summary>
internal sealed class TypingRelay(ConnectionRegistry registry, ConversationKinds kinds, UserCards users, Announcer announcer, TimeProvider clock)
    : IClientSignalHandler<TypingRequest>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    private static readonly object s_lastForwardedKey = new();

    public async Task HandleAsync(HubCallerContext caller, TypingRequest signal)
    {
        if (Requested(signal) is not { } conversation)
        {
            return;
        }
        var userId = caller.User!.UserId();
        if (!registry.TeamsOf(userId).Contains(conversation.Id) || await kinds.IsDmAsync(conversation.Id, caller.ConnectionAborted) != conversation.IsDm)
        {
            return;
        }
        var now = clock.GetUtcNow();
        lock (caller.Items)
        {
            if (caller.Items.TryGetValue(s_lastForwardedKey, out var last) && now - (DateTimeOffset)last! < MinInterval)
            {
                return;
            }
            caller.Items[s_lastForwardedKey] = now;
        }
        var user = await users.CardAsync(userId, caller.ConnectionAborted);
        if (user is not null)
        {
            announcer.Announce(new TypingStarted(conversation.Id, conversation.IsDm, userId, user.Username, user.DisplayName));
        }
    }

    private static Conversation? Requested(TypingRequest? signal) => signal switch
    {
        { TeamId: { } team, DmId: null } when Guid.TryParse(team, out var teamId) => Conversation.Team(teamId),
        { TeamId: null, DmId: { } dm } when Guid.TryParse(dm, out var dmId) => Conversation.Dm(dmId),
        _ => null,
    };
}
