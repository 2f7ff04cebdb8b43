namespace Squadra.Client.Tests;

/// <summary>A clock whose every wait is over at once, and which remembers how long each was meant to be.</summary>
public sealed class InstantClock : TimeProvider
{
    readonly List<TimeSpan> _waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_waits)
                return [.. _waits];
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_waits)
            _waits.Add(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Fired();
    }

    sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
