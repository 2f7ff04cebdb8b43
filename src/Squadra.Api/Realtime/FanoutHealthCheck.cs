using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Squadra.Api.Realtime;

/// <summary>A replica that cannot hear the fan-out would serve clients who then miss pushes: not ready.</summary>
internal sealed class FanoutHealthCheck(FanoutListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The fan-out LISTEN connection is down."));
}
