namespace Squadra.Api.Realtime;

/// <summary>
/// How replicas announce what they committed to each other (<c>Realtime:Channel</c>): PostgreSQL's NOTIFY
/// (<see cref="PostgresAnnouncementChannel"/>, the default) or a NATS cluster (<see cref="NatsAnnouncementChannel"/>).
/// Either way announcements are hints: what one loses, the sweep and the catch-up read from the database.
/// </summary>
internal interface IAnnouncementChannel
{
    /// <summary>Sends one batch of <see cref="Announcer"/>'s; throws when it could not (the batch is then dropped).</summary>
    Task SendAsync(IReadOnlyList<Announcement> batch, CancellationToken ct);

    /// <summary>
    /// Hears announcements until <paramref name="stoppingToken"/>, queueing them (<see cref="FanoutQueue"/>), and queues
    /// <see cref="CatchUpRequested"/> each time it hears again after being deaf (and once at the start).
    /// </summary>
    Task ReceiveAsync(CancellationToken stoppingToken);

    /// <summary>Returns once every topic of this replica's connections registered so far is heard (a broker's subscriptions).</summary>
    Task SubscribedAsync(CancellationToken ct);

    /// <summary>Why this replica cannot hear announcements now; null when it can (readiness).</summary>
    string? Deafness { get; }
}
