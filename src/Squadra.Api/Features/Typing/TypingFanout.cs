using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Realtime;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Realtime;
using Squadra.Contracts.Typing;

namespace Squadra.Api.Features.Typing;

/// <summary>
/// Pushes "typing" to this replica's connections in the chat's group, but the typists' own, at most once per
/// <see cref="Window"/> per chat: a busy chat's typists go out together (issue 19 item 4: one push per typist made
/// typing cost more pushes than the messages themselves).
/// </summary>
internal sealed class TypingFanout : IFanoutHandler<TypingStarted>
{
    /// <summary>
    /// Keeps "Ana is typing…" within the contract's 300 ms of her keystroke however busy the chat, and a chat where ten
    /// people start typing a second costs each connection four pushes a second instead of ten.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    private readonly IHubContext<RealtimeHub> _hub;
    private readonly ConnectionRegistry _registry;
    private readonly PushWindows<Guid, TypingStarted> _windows;
    private readonly ILogger<TypingFanout> _logger;

    public TypingFanout(IHubContext<RealtimeHub> hub, ConnectionRegistry registry, TimeProvider clock, ILogger<TypingFanout> logger)
    {
        (_hub, _registry, _logger) = (hub, registry, logger);
        _windows = new PushWindows<Guid, TypingStarted>(Window, t => t.UserId, SendLaterAsync, clock);
    }

    public Task HandleAsync(TypingStarted typing, CancellationToken ct) =>
        _windows.Offer(typing.ConversationId, [typing]) is { } now ? SendAsync(now, ct) : Task.CompletedTask;

    private async Task SendLaterAsync(IReadOnlyList<TypingStarted> typists)
    {
        try
        {
            await SendAsync(typists, CancellationToken.None);
        }
        catch (Exception e)
        {
            // A hint: the typists repeat it within 2 s while they type.
            _logger.LogWarning(e, "A typing push was not sent");
        }
    }

    /// <summary>Everyone in the chat gets all the typists, but a typist, who gets the others (when there are any).</summary>
    private Task SendAsync(IReadOnlyList<TypingStarted> typists, CancellationToken ct)
    {
        var chat = typists[0];
        var users = typists.Select(t => new UserDto(t.UserId.ToString(), t.Username, t.DisplayName)).ToList();
        var own = typists.Select(t => _registry.ConnectionsOf(t.UserId)).ToList();
        var sends = new List<Task>
        {
            _hub.Clients.GroupExcept(HubGroups.Team(chat.ConversationId), [.. own.SelectMany(c => c)])
                .SendAsync(RealtimeMethods.Typing, Push(chat, users), ct),
        };
        for (var i = 0; i < typists.Count && users.Count > 1; i++)
        {
            if (own[i].Count > 0)
            {
                var typist = i;
                sends.Add(_hub.Clients.Clients(own[i]).SendAsync(RealtimeMethods.Typing, Push(chat, [.. users.Where((_, j) => j != typist)]), ct));
            }
        }
        return Task.WhenAll(sends);
    }

    private static TypingPush Push(TypingStarted chat, List<UserDto> users)
    {
        var id = chat.ConversationId.ToString();
        return chat.IsDm ? new TypingPush(null, id, users[0], users) : new TypingPush(id, null, users[0], users);
    }
}
