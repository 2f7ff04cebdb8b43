namespace Squadra.Api.Realtime;

/// <summary>
/// The ids of the last multi-topic announcements heard: one published to several subjects this replica subscribes to
/// (a notification for two of its users) arrives once per subject, and is decoded once. The copies are published back
/// to back, so a short memory is enough; a copy that comes later still is only a harmless duplicate hint.
/// </summary>
internal sealed class RecentAnnouncementIds(int capacity = 4096)
{
    private readonly HashSet<string> _ids = [];
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True the first time <paramref name="id"/> is seen.</summary>
    public bool FirstTime(string id)
    {
        lock (_lock)
        {
            if (!_ids.Add(id))
            {
                return false;
            }
            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }
            return true;
        }
    }
}
