using Squadra.Api.Features.Notifications;

namespace Squadra.Api.Features.Push;

internal static class PushSetup
{
    /// <summary>Web push: browsers' subscriptions, a message queued with each pushed notification, one replica at a time sending them.</summary>
    public static IHostApplicationBuilder AddPush(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PushOptions>().BindConfiguration(PushOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PushSubscriptionStore>();
        builder.Services.AddSingleton<INotificationsWrittenHandler, PushOutbox>();
        // A push service that does not answer must not hold the sender (and its lock) for HttpClient's default 100 s.
        builder.Services.AddHttpClient(PushSender.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<PushSender>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<PushSender>());
        return builder;
    }
}
