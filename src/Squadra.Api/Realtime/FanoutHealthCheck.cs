using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Squadra.Api.Realtime;

/// <summary>A replica that cannot hear the fan-out (LISTEN or NATS) would serve clients who then miss pushes: not ready.</summary>
internal sealed class FanoutHealthCheck(IAnnouncementChannel channel) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(channel.Deafness is { } deafness
            ? HealthCheckResult.Unhealthy(deafness)
            : HealthCheckResult.Healthy());
}
