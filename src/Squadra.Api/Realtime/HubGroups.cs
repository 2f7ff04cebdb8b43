namespace Squadra.Api.Realtime;

/// <summary>SignalR group names. Groups live in each replica's memory and hold only its own connections.</summary>
internal static class HubGroups
{
    public static string Team(Guid teamId) => $"team:{teamId}";
    public static string User(Guid userId) => $"user:{userId}";
}
