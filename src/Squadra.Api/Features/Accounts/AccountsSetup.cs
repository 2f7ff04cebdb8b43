namespace Squadra.Api.Features.Accounts;

internal static class AccountsSetup
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<FailedLoginLimiter>();
        builder.Services.AddSingleton<PasswordResets>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<UserCards>();
        return builder;
    }
}
