using System.Globalization;

namespace Squadra.Api.RateLimiting;

internal static class RetryAfter
{
    /// <summary>Retry-After in whole seconds, rounded up so a client that waits exactly that long is let through.</summary>
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
