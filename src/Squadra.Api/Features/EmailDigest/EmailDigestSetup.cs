namespace Squadra.Api.Features.EmailDigest;

internal static class EmailDigestSetup
{
    public static IHostApplicationBuilder AddEmailDigest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailDigestOptions>().BindConfiguration(EmailDigestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EmailDigestSweeper>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<EmailDigestSweeper>());
        return builder;
    }
}
