using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Squadra.Api.Auth;
using Squadra.Api.Features.Email;
using Squadra.Api.RateLimiting;
using Squadra.Contracts;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Features.Accounts;

internal static class PasswordResetEndpoints
{
    public static RouteGroupBuilder MapPasswordReset(this RouteGroupBuilder auth)
    {
        auth.MapPost("/password-reset", Request).WithName("RequestPasswordReset").RequireRateLimiting(RateLimitPolicies.PasswordReset)
            .WithSummary("Emails a single-use link (1 h) to the account's address; 202 whether or not the login names an account.");
        auth.MapPost("/password-reset/confirm", Confirm).WithName("ConfirmPasswordReset")
            .WithSummary("Sets a new password with an emailed link's token; every session of the account ends.");
        return auth;
    }

    private static async Task<Results<Accepted, ValidationProblem>> Request(PasswordResetRequest request, PasswordResets resets, CancellationToken ct)
    {
        var login = request.Login?.Trim();
        var error = string.IsNullOrEmpty(login) ? "Enter your username or email address."
            : login.Length > AccountRules.EmailMaxLength ? $"A username or email address has at most {AccountRules.EmailMaxLength} characters."
            : TextRules.Error(login, "Login");
        if (error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["login"] = [error] });
        }
        await resets.RequestAsync(login!, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ValidationProblem>> Confirm(
        PasswordResetConfirmRequest request, PasswordResets resets, IPasswordHasher<PasswordOwner> hasher, RevokedTokenSet revoked, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!LinkToken.IsWellFormed(request.Token))
        {
            errors["token"] = [InvalidLink];
        }
        if (AccountRules.PasswordError(request.NewPassword) is { } passwordError)
        {
            errors["newPassword"] = [passwordError.Replace("Password", "New password", StringComparison.Ordinal)];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var revokedTokens = await resets.ConfirmAsync(request.Token!, hasher.HashPassword(PasswordOwner.Instance, request.NewPassword!), ct);
        if (revokedTokens is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = [InvalidLink] });
        }
        // Refused here at once (and their connections closed); the other replicas follow within a poll of revoked_tokens.
        revoked.AddAll(revokedTokens);
        return TypedResults.NoContent();
    }

    private const string InvalidLink = "This link is not valid any more: it was used, it expired (after one hour), or it is incomplete. Ask for a new one.";
}
