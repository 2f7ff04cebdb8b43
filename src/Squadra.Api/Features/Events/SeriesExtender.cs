using Dapper;
using Microsoft.Extensions.Options;
using Squadra.Api.Data;

namespace Squadra.Api.Features.Events;

/// <summary>
/// Keeps 12 months of every open series listed: as time passes, the occurrences that came within reach are made from
/// the series' rule and template (no notification: the members heard of the series once). Every replica runs it; a
/// series is claimed with FOR UPDATE SKIP LOCKED, and an occurrence made twice is one row (unique per series and
/// RECURRENCE-ID), so replicas never both make one.
/// </summary>
internal sealed class SeriesExtender(Db db, TimeProvider clock, IOptions<SeriesOptions> options, ILogger<SeriesExtender> logger) : BackgroundService
{
    private const int BatchSize = 20;

    /// <summary>Tops up the series that need it now; returns how many it took care of.</summary>
    public async Task<int> ExtendAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = SeriesOccurrences.Horizon(now, now);
        return await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            var due = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM event_series WHERE NOT ended AND listed_until < @horizon ORDER BY listed_until LIMIT @BatchSize FOR UPDATE SKIP LOCKED",
                new { horizon = horizon.UtcDateTime, BatchSize }, transaction, cancellationToken: token))).ToList();
            foreach (var seriesId in due)
            {
                var (rule, template, listedUntil) = await SeriesOccurrences.LoadAsync(connection, transaction, seriesId, token);
                var from = new DateTimeOffset(DateTime.SpecifyKind(listedUntil, DateTimeKind.Utc));
                await SeriesOccurrences.InsertAsync(connection, transaction, template, SeriesOccurrences.Between(rule, from, horizon), token);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE event_series SET listed_until = @horizon, ended = @ended WHERE id = @seriesId",
                    new { seriesId, horizon = horizon.UtcDateTime, ended = !SeriesOccurrences.HasMoreFrom(rule, horizon) },
                    transaction, cancellationToken: token));
            }
            return due.Count;
        }, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Enabled)
        {
            await BatchedSweep.RunAsync(options.Value.ExtendInterval, clock, BatchSize, [ExtendAsync], logger, stoppingToken);
        }
    }
}
