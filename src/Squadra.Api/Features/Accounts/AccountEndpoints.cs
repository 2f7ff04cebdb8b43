using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.RateLimiting;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Features.Accounts;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/register", Register).WithName("Register").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Creates an account.")
            .RequireRateLimiting(RateLimitPolicies.Register);
        auth.MapPost("/login", Login).WithName("Login").WithSummary("Exchanges a username and password for a bearer token.")
            .RequireRateLimiting(RateLimitPolicies.Login);
        auth.MapPost("/logout", Logout).WithName("Logout").WithSummary("Revokes the caller's token on every replica.")
            .RequireAuthorization();
        auth.MapPasswordReset();

        var me = app.MapGroup("/api/me").WithTags("Accounts").RequireAuthorization();
        me.MapGet("/", Me).WithName("Me").WithSummary("The caller's account, with its email address.");
        me.MapPatch("/", Update).WithName("UpdateMe").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Changes the caller's display name or email address (an empty one removes it).");
        me.MapPost("/password", ChangePassword).WithName("ChangePassword")
            .WithSummary("Changes the caller's password; every other token of theirs is revoked and its live connections closed.");
        return app;
    }

    private static async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, AccountStore accounts, IPasswordHasher<PasswordOwner> hasher, CancellationToken ct)
    {
        var errors = AccountValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var username = request.Username!;
        var displayName = request.DisplayName?.Trim() ?? username;
        var hash = hasher.HashPassword(PasswordOwner.Instance, request.Password!);
        var created = await accounts.CreateAsync(username, displayName, request.Email, hash, ct);
        return created.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Created("/api/me", created.Value!.ToDto());
    }

    private static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, AccountStore accounts, IPasswordHasher<PasswordOwner> hasher, TokenIssuer tokens,
        FailedLoginLimiter failedLogins, HttpResponse response, CancellationToken ct)
    {
        var errors = AccountValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (failedLogins.WaitBeforeTrying(request.Username!) is { } wait)
        {
            RetryAfter.Set(response, wait);
            return Problems.TooManyRequests("Too many failed logins", "Too many failed logins for this username. Wait a few minutes and try again.");
        }

        var user = await accounts.FindByUsernameAsync(request.Username!, ct);
        // An unknown user costs a hash verification too, so timing does not tell which usernames exist.
        var verification = hasher.VerifyHashedPassword(PasswordOwner.Instance, user?.PasswordHash ?? UnknownUserHash.Value(hasher), request.Password!);
        if (user is null || verification == PasswordVerificationResult.Failed)
        {
            failedLogins.RecordFailure(request.Username!);
            return Problems.Unauthorized("Invalid credentials", "The username or password is incorrect.");
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await accounts.UpdatePasswordHashAsync(user.Id, hasher.HashPassword(PasswordOwner.Instance, request.Password!), ct);
        }

        var issued = tokens.Issue(user.Id, user.Username);
        await accounts.RecordIssuedAsync(user.Id, issued.TokenId, issued.ExpiresAt, ct);
        return TypedResults.Ok(new LoginResponse(issued.AccessToken, issued.ExpiresAt, user.ToDto()));
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal principal, RevokedTokens revoked, CancellationToken ct)
    {
        await revoked.RevokeAsync(principal.TokenId(), principal.UserId(), principal.TokenExpiresAt(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AccountDto>, UnauthorizedHttpResult>> Me(ClaimsPrincipal principal, AccountStore accounts, CancellationToken ct)
    {
        var user = await accounts.FindByIdAsync(principal.UserId(), ct);
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(user.ToAccount());
    }

    private static async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> Update(
        UpdateAccountRequest request, ClaimsPrincipal principal, AccountStore accounts, CancellationToken ct)
    {
        var errors = AccountValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var updated = await accounts.UpdateAsync(principal.UserId(), request.DisplayName?.Trim(), request.Email, ct);
        return updated.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(updated.Value!.ToAccount());
    }

    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, AccountStore accounts, IPasswordHasher<PasswordOwner> hasher,
        RevokedTokenSet revoked, CancellationToken ct)
    {
        var errors = AccountValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await accounts.FindByIdAsync(principal.UserId(), ct) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        if (hasher.VerifyHashedPassword(PasswordOwner.Instance, user.PasswordHash, request.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is not right."] });
        }
        var newHash = hasher.HashPassword(PasswordOwner.Instance, request.NewPassword!);
        // Refused here at once (and their connections closed); the other replicas follow within a poll of revoked_tokens.
        revoked.AddAll(await accounts.ChangePasswordAsync(user.Id, newHash, principal.TokenId(), ct));
        return TypedResults.NoContent();
    }
}
