using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Notifications;

internal static class NotificationsSetup
{
    /// <summary>Each user's notifications (written by the features that cause them, <see cref="NotificationBatch"/>) and their fan-out.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddSingleton<NotificationWriter>();
        builder.Services.AddFanoutEvent<NotificationsCommitted>("n");
        builder.Services.AddFanout<NotificationFanout>();
        return builder;
    }
}
