using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Squadra.Api.Auth;

internal static class ClaimsPrincipalExtensions
{
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(JwtRegisteredClaimNames.Sub)
            ?? throw new InvalidOperationException("Authenticated principal has no 'sub' claim."));

    public static Guid TokenId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(JwtRegisteredClaimNames.Jti)
            ?? throw new InvalidOperationException("Authenticated principal has no 'jti' claim."));

    public static DateTimeOffset TokenExpiresAt(this ClaimsPrincipal user) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(
            user.FindFirstValue(JwtRegisteredClaimNames.Exp) ?? throw new InvalidOperationException("Authenticated principal has no 'exp' claim."),
            System.Globalization.CultureInfo.InvariantCulture));
}
