using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace Squadra.Api.Features.Accounts;

/// <summary>
/// Login attempts per client address (the gateway's X-Forwarded-For), per replica: a guesser gets
/// at most LoginPermitLimit tries per LoginWindow on each replica.
/// </summary>
internal static class LoginRateLimit
{
    public const string PolicyName = "login";

    public static IHostApplicationBuilder AddLoginRateLimit(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("RateLimiting");
        var permitLimit = section.GetValue("LoginPermitLimit", 10);
        var window = section.GetValue("LoginWindow", TimeSpan.FromMinutes(1));

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 }));
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many login attempts",
                        Detail = "Too many login attempts from this address. Wait a minute and try again.",
                    },
                });
            };
        });
        return builder;
    }
}
