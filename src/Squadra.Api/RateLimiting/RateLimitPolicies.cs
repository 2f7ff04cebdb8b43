namespace Squadra.Api.RateLimiting;

/// <summary>Names of the endpoint rate-limit policies (writes per user apply to every endpoint, see <see cref="WriteLimiter"/>).</summary>
internal static class RateLimitPolicies
{
    /// <summary>Login attempts per client address.</summary>
    public const string Login = "login";

    /// <summary>Registrations per client address.</summary>
    public const string Register = "register";

    /// <summary>Password reset requests per client address.</summary>
    public const string PasswordReset = "password-reset";
}
