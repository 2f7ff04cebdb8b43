using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Squadra.Api.Auth;

internal static class AuthSetup
{
    public static IHostApplicationBuilder AddSquadraAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, SigningKeyValidation>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddOptions<RevocationOptions>().BindConfiguration(RevocationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RevokedTokenSet>();
        builder.Services.AddSingleton<RevokedTokens>();
        builder.Services.AddSingleton<RevokedTokensPoller>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RevokedTokensPoller>());
        builder.Services.AddSingleton<IPasswordHasher<PasswordOwner>, PasswordHasher<PasswordOwner>>();
        // Identity's defaults (PBKDF2-HMAC-SHA512, 100,000 iterations); the API suite lowers the count to spend
        // its minutes on tests rather than on hashing, never below what still exercises the real algorithm.
        builder.Services.AddOptions<PasswordHasherOptions>()
            .BindConfiguration("Auth:PasswordHasher")
            .Validate(options => options.CompatibilityMode == PasswordHasherCompatibilityMode.IdentityV3,
                "Auth:PasswordHasher:CompatibilityMode must be IdentityV3 (V2 hashes are SHA-1 with 1,000 iterations)")
            .Validate(options => options.IterationCount >= 1000, "Auth:PasswordHasher:IterationCount must be at least 1000")
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(auth.Value.SigningKeyBytes()),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromSeconds(5),
                    NameClaimType = JwtRegisteredClaimNames.UniqueName,
                };
                jwt.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on a WebSocket: the hub takes the token from the query string.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs")
                            && context.Request.Query.TryGetValue("access_token", out var token))
                        {
                            context.Token = token;
                        }
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        var revoked = context.HttpContext.RequestServices.GetRequiredService<RevokedTokens>();
                        if (await revoked.IsRevokedAsync(context.Principal!.TokenId(), context.HttpContext.RequestAborted))
                        {
                            context.Fail("The token has been revoked.");
                        }
                    },
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}
