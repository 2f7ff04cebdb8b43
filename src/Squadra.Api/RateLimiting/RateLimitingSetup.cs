using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Squadra.Api.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter with Squadra's policies: logins, registrations and password resets per client address
/// (see <see cref="TrustedProxiesSetup"/>), every write per user (<see cref="WriteLimiter"/>), each refusal a
/// 429 problem with Retry-After. The per-username limit on failed logins lives with the login itself
/// (Features/Accounts/FailedLoginLimiter), which alone knows whether the password was wrong.
/// </summary>
internal static class RateLimitingSetup
{
    public static IHostApplicationBuilder AddSquadraRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.AddTrustedProxies();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            var limit = limits.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = WriteLimiter.Create(limit);
            options.AddPolicy(RateLimitPolicies.Login, context => PerClientAddress(context, limit.LoginPermitLimit, limit.LoginWindow));
            options.AddPolicy(RateLimitPolicies.Register, context => PerClientAddress(context, limit.RegisterPermitLimit, limit.RegisterWindow));
            options.AddPolicy(RateLimitPolicies.PasswordReset, context => PerClientAddress(context, limit.PasswordResetPermitLimit, limit.PasswordResetWindow));
            options.OnRejected = WriteProblemAsync;
        });
        builder.Services.AddRateLimiter(_ => { });
        return builder;
    }

    private static RateLimitPartition<string> PerClientAddress(HttpContext context, int permitLimit, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 });

    private static async ValueTask WriteProblemAsync(OnRejectedContext context, CancellationToken ct)
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
        {
            RetryAfter.Set(context.HttpContext.Response, wait);
        }
        var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var (title, detail) = policy switch
        {
            RateLimitPolicies.Login => ("Too many login attempts", "Too many login attempts from this address. Wait a minute and try again."),
            RateLimitPolicies.Register => ("Too many registrations", "Too many accounts were registered from this address. Try again later."),
            RateLimitPolicies.PasswordReset => ("Too many password resets", "Too many password resets were asked for from this address. Try again later."),
            _ => ("Too many requests", "You are making changes faster than allowed. Wait a moment and try again."),
        };
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = title, Detail = detail },
        });
    }
}
