using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.RateLimiting;

/// <summary>
/// Limits against abuse, kept in each replica's memory: with N replicas behind the gateway a client gets
/// at most N times each limit. The defaults are generous enough that no person typing meets them; test
/// stacks and the benchmark, which act as thousands of people from one address, raise them.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Login attempts per client address per <see cref="LoginWindow"/>.</summary>
    [Range(1, int.MaxValue)]
    public int LoginPermitLimit { get; set; } = 10;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed logins per username per <see cref="FailedLoginWindow"/>, from any address: password guessing
    /// spread over many addresses. Only failures count, so the account's owner logging in is never refused while
    /// the limit is not reached.</summary>
    [Range(1, int.MaxValue)]
    public int FailedLoginsPerUsername { get; set; } = 10;

    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Accounts registered per client address per <see cref="RegisterWindow"/> (a whole club signing up
    /// from the clubhouse's one address stays under it).</summary>
    [Range(1, int.MaxValue)]
    public int RegisterPermitLimit { get; set; } = 30;

    public TimeSpan RegisterWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Password reset requests per client address per <see cref="PasswordResetWindow"/> (each account also gets
    /// at most three links an hour, whatever the addresses asking: Features/Accounts/PasswordResets).</summary>
    [Range(1, int.MaxValue)]
    public int PasswordResetPermitLimit { get; set; } = 10;

    public TimeSpan PasswordResetWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Writes (POST, PUT, PATCH, DELETE) per user per minute, with bursts up to the same number: two a
    /// second sustained, far above anyone typing or clicking.</summary>
    [Range(1, int.MaxValue)]
    public int WritesPerMinute { get; set; } = 120;
}
