using Squadra.Api.Realtime;

namespace Squadra.Api.Features.NotificationPreferences;

internal static class NotificationPreferencesSetup
{
    public static IHostApplicationBuilder AddNotificationPreferences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NotificationPreferencesStore>();
        builder.Services.AddSingleton<NotificationPauseStore>();
        builder.Services.AddFanoutEvent<NotificationsPauseChanged>("np");
        builder.Services.AddFanout<NotificationPauseFanout>();
        return builder;
    }
}
