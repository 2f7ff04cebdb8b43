using System.Threading.RateLimiting;
using Squadra.Api.Auth;

namespace Squadra.Api.RateLimiting;

/// <summary>
/// Every write of a signed-in user draws from that user's token bucket, whichever endpoint it goes to:
/// posts, teams, invitations, events, RSVPs, and whatever is added later, without each endpoint opting in.
/// Reads and anonymous requests are not limited here (logins and registrations have their own limits), nor
/// the hub's transport requests (negotiate, long-polling sends): they carry no change of their own.
/// </summary>
internal static class WriteLimiter
{
    public static PartitionedRateLimiter<HttpContext> Create(RateLimitOptions options)
    {
        // Replenished every second so a burst that used the bucket up is answered again within a second or two.
        var perSecond = Math.Max(1, (int)Math.Ceiling(options.WritesPerMinute / 60.0));
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.WritesPerMinute,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        return PartitionedRateLimiter.Create<HttpContext, Guid>(context =>
            IsWrite(context.Request.Method) && context.User.Identity?.IsAuthenticated == true && !context.Request.Path.StartsWithSegments("/hubs")
                ? RateLimitPartition.GetTokenBucketLimiter(context.User.UserId(), _ => bucket)
                : RateLimitPartition.GetNoLimiter(Guid.Empty));
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
