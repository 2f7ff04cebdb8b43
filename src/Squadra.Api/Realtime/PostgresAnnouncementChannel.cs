using Dapper;
using Squadra.Api.Data;

namespace Squadra.Api.Realtime;

/// <summary>
/// The default channel (<c>Realtime:Channel = postgres</c>): NOTIFY on the primary, heard by every replica's one LISTEN
/// connection (<see cref="FanoutListener"/>). Every replica decodes every announcement of the cluster.
/// </summary>
internal sealed class PostgresAnnouncementChannel(Db db, FanoutListener listener) : IAnnouncementChannel
{
    public async Task SendAsync(IReadOnlyList<Announcement> batch, CancellationToken ct) =>
        // One statement, one round trip, its own implicit transaction: set_config(..., is_local => true) turns
        // synchronous_commit off for that transaction only (its commit waits for no flush and no standby),
        // without the BEGIN and COMMIT round trips of an explicit one.
        await db.RunAsync((connection, token) => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
            SELECT count(pg_notify(@channel, p)) FROM async_commit, unnest(@payloads) AS p
            """,
            new { channel = FanoutPayloads.Channel, payloads = batch.Select(a => a.Payload).ToArray() }, cancellationToken: token)), ct);

    public Task ReceiveAsync(CancellationToken stoppingToken) => listener.ListenAsync(stoppingToken);

    // LISTEN hears the whole channel: nothing to subscribe to.
    public Task SubscribedAsync(CancellationToken ct) => Task.CompletedTask;

    public string? Deafness => listener.IsListening ? null : "The fan-out LISTEN connection is down.";
}
