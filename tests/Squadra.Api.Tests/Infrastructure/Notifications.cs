using Squadra.Contracts.Notifications;

namespace Squadra.Api.Tests.Infrastructure;

public static class NotificationReader
{
    public static Task<List<NotificationDto>> NotificationsAsync(this TestUser user, long after = 0) =>
        user.SendOkAsync<List<NotificationDto>>(HttpMethod.Get, $"/api/notifications?after={after}&limit=200");

    public static async Task<long> UnreadCountAsync(this TestUser user) =>
        (await user.SendOkAsync<UnreadCountDto>(HttpMethod.Get, "/api/notifications/unread-count")).Count;
}
