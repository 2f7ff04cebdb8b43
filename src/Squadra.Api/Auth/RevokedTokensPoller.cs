using Dapper;
using Microsoft.Extensions.Options;
using Squadra.Api.Data;

namespace Squadra.Api.Auth;

/// <summary>
/// Keeps <see cref="RevokedTokenSet"/> current: its first poll loads every unexpired revocation, each
/// later one (every <see cref="RevocationOptions.PollInterval"/>) those committed since, on any replica.
/// "Since" is a transaction-id horizon, not a clock: a revocation whose commit was slow, or whose
/// clock lagged, is still ahead of the horizon of every poll that could not see it yet.
/// </summary>
internal sealed class RevokedTokensPoller(
    Db db, RevokedTokenSet revoked, TimeProvider clock, IOptions<RevocationOptions> options, ILogger<RevokedTokensPoller> logger)
    : BackgroundService
{
    // Validation accepts a token this long past its expiry (JwtBearer's ClockSkew is less): keep refusing it meanwhile.
    private static readonly TimeSpan s_expiryMargin = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_pruneInterval = TimeSpan.FromMinutes(1);

    // Every transaction below the horizon had ended, so was seen, at the last poll, on the server named here.
    // Another server (a failover, a restart) may hand out ids below it again: then the next poll loads everything.
    private long _horizon;
    private string? _server;
    private long _prunedAt;

    public async Task PollAsync(CancellationToken ct)
    {
        var startedAt = clock.GetTimestamp();
        var rows = (await db.RunAsync((connection, token) => connection.QueryAsync<PollRow>(new CommandDefinition(
            """
            WITH here AS (
                SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon,
                       concat(inet_server_addr(), ':', inet_server_port(), ' up since ', pg_postmaster_start_time()) AS server
            )
            SELECT h.horizon::text::bigint AS Horizon, h.server AS Server, r.jti AS Jti, r.expires_at AS ExpiresAt
            FROM here h
            LEFT JOIN revoked_tokens r
              ON r.revoked_xid >= (CASE WHEN h.server = @server THEN @horizon ELSE 0 END)::text::xid8
             AND r.expires_at > now() - @expiryMargin
            """,
            new { server = _server, horizon = _horizon, expiryMargin = s_expiryMargin }, cancellationToken: token)), ct)).AsList();

        foreach (var row in rows)
        {
            if (row.Jti is { } tokenId)
            {
                revoked.Add(tokenId, Instants.Utc(row.ExpiresAt!.Value));
            }
        }
        (_horizon, _server) = (rows[0].Horizon, rows[0].Server);
        revoked.MarkCompleteAsOf(startedAt);

        if (clock.GetElapsedTime(_prunedAt) > s_pruneInterval)
        {
            revoked.RemoveExpiredBefore(clock.GetUtcNow() - s_expiryMargin);
            _prunedAt = clock.GetTimestamp();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Polling revoked tokens failed; once the copy is {StaleAfter} old, every request asks the database",
                    options.Value.StaleAfter);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private sealed record PollRow(long Horizon, string Server, Guid? Jti, DateTime? ExpiresAt);
}
