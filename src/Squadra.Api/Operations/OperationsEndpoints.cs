using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;
using Squadra.Contracts.Operations;

namespace Squadra.Api.Operations;

internal static class OperationsEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapMetrics("/metrics");

        app.MapGet("/api/cluster", Cluster)
            .WithTags("Operations")
            .WithName("Cluster")
            .WithSummary("Which replica answered, the health of every replica, and which database node is primary.")
            .RequireAuthorization();
        return app;
    }

    private static async Task<Ok<ClusterDto>> Cluster(ClusterProbe probe, CancellationToken ct) =>
        TypedResults.Ok(await probe.DescribeAsync(ct));
}
