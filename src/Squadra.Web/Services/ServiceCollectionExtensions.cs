using Squadra.Client;
using Squadra.Client.Realtime;

namespace Squadra.Web.Services;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The app's own services. Singletons, so the session restored before the first render is the one every
    /// component sees. The caller registers a singleton HttpClient, so tests can fake the network; tests also
    /// replace <see cref="IRealtimeConnection"/>, since no hub runs in them.
    /// </summary>
    public static IServiceCollection AddSquadraWeb(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuthSession>();
        services.AddSingleton<ISessionToken>(sp => sp.GetRequiredService<AuthSession>());
        services.AddSingleton<ApiClient>();
        services.AddSingleton(sp => new RealtimeClient(sp.GetRequiredService<HttpClient>().BaseAddress!,
            sp.GetRequiredService<ISessionToken>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RealtimeClient>>()));
        services.AddSingleton<IRealtimeConnection>(sp => sp.GetRequiredService<RealtimeClient>());
        services.AddSingleton<KnownNames>();
        services.AddSingleton<NotificationCenter>();
        services.AddSingleton<MyTeams>();
        services.AddSingleton<InvitationInbox>();
        services.AddSingleton<ChatRooms>();
        services.AddSingleton<ChatUnread>();
        return services;
    }
}
