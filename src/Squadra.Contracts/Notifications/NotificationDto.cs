using System.Text.Json;

namespace Squadra.Contracts.Notifications;

/// <summary><see cref="Data"/>'s shape depends on <see cref="Type"/>; see <see cref="NotificationTypes"/>.</summary>
public sealed record NotificationDto(long Seq, string Type, string? TeamId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, JsonElement Data);
