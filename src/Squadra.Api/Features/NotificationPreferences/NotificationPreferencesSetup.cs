namespace Squadra.Api.Features.NotificationPreferences;

internal static class NotificationPreferencesSetup
{
    public static IHostApplicationBuilder AddNotificationPreferences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NotificationPreferencesStore>();
        return builder;
    }
}
