namespace Squadra.Bench;

/// <summary>
/// Puts one simulated user's fake client address (<see cref="Population.FakeAddress"/>) in X-Forwarded-For on every
/// request of the <see cref="Squadra.Client.ApiClient"/> above it. Bench hits the replicas directly, from loopback,
/// which they trust for that header: so the per-address login and registration limits count each simulated user
/// apart, instead of the whole population as one address refused after a few logins. ApiClient's retries build a new
/// request each time, so the header is added once per request. The inner handler is the connection pool every user
/// shares: never dispose this handler, that would dispose the pool (see <see cref="SquadraClient.Api"/>).
/// </summary>
internal sealed class ForwardedForHandler(string address) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-Forwarded-For", address);
        return base.SendAsync(request, cancellationToken);
    }
}
