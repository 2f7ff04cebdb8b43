using System.Diagnostics;
using System.Net;
using Squadra.Api.Auth;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>A logout reaches the other replicas within a bound (docs/decisions/0005-revoked-tokens-in-memory.md).</summary>
public static class Revocation
{
    /// <summary>The longest a replica may still accept a token revoked on another: its copy's staleness limit.</summary>
    public static TimeSpan Bound { get; } = new RevocationOptions().StaleAfter;

    /// <summary>How long after the call the replica first refused the token (GET /api/me); fails past twice the bound.</summary>
    public static async Task<TimeSpan> TimeUntilRefusedAsync(HttpClient replica, string token)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await replica.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", token));
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return clock.Elapsed;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(clock.Elapsed < 2 * Bound, $"The replica still accepts the revoked token after {clock.Elapsed}.");
            await Task.Delay(50);
        }
    }
}
