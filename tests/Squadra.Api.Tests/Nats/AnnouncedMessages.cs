using System.Collections.Concurrent;
using Squadra.Api.Features.Chat;
using Squadra.Api.Realtime;

namespace Squadra.Api.Tests.Nats;

/// <summary>
/// A test seam registered beside the Chat feature's handler: the teams of every message announcement this replica
/// heard and decoded (what the channel delivered, not what the sweep read).
/// </summary>
internal sealed class AnnouncedMessages : IFanoutHandler<MessageCommitted>
{
    public ConcurrentQueue<Guid> Teams { get; } = new();

    public Task HandleAsync(MessageCommitted fanoutEvent, CancellationToken ct)
    {
        Teams.Enqueue(fanoutEvent.TeamId);
        return Task.CompletedTask;
    }
}
