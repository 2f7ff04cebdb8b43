using Squadra.Contracts.Chat;

namespace Squadra.Client.Chat;

/// <summary>
/// The change number a chat catches up from after a reconnect (<c>changedAfter=</c>): every change to the messages
/// it shows up to <see cref="Confirmed"/> has reached it. An answer read whole from the database confirms its highest
/// change at once. A push does not: a change committed before it whose announcement was lost (its replica died before
/// announcing) comes later, from the server's sweep, within seconds. So a push confirms its change only once another
/// push came <see cref="Settle"/> after it: the connection was up while the sweep pushed what came before. No I/O and
/// no clock here, so the rule is tested on its own.
/// </summary>
public sealed class ChangeWatermark
{
    /// <summary>Far past the server's sweep interval (1.5 s), and past any delay its fan-out has while healthy.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    readonly Queue<(DateTimeOffset At, long ChangeSeq)> _pushed = new();

    public long Confirmed { get; private set; }

    /// <summary>The newest page or a <c>changedAfter=</c> page: all it shows is as the database had it.</summary>
    public void Answered(IEnumerable<MessageDto> page)
    {
        foreach (var message in page)
            Confirmed = Math.Max(Confirmed, message.ChangeSeq);
    }

    public void Pushed(long changeSeq, DateTimeOffset at)
    {
        while (_pushed.TryPeek(out var earlier) && earlier.At <= at - Settle)
            Confirmed = Math.Max(Confirmed, _pushed.Dequeue().ChangeSeq);
        _pushed.Enqueue((at, changeSeq));
    }
}
