using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Squadra.Api.Data;

/// <summary>
/// Ready only while the node this replica sends its work to answers as a writable primary, asked through
/// <see cref="PrimaryLocator"/>'s own probe (bounded by its timeout): a replica cut off from the database, or
/// left with no primary, says so within about a second, and no pooled connection that might hang is used.
/// </summary>
internal sealed class PrimaryHealthCheck(PrimaryLocator locator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        locator.Current is { } target && await locator.CurrentAnswersNowAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{target.Host}:{target.Port} answers as the primary (timeline {target.Timeline}).")
            : HealthCheckResult.Unhealthy("No database node answers as a writable primary.");
}
