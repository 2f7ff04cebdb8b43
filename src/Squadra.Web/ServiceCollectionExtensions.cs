using Squadra.Client;
using Squadra.Client.Realtime;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.Chat;
using Squadra.Web.Features.Chat.Typing;
using Squadra.Web.Features.DirectMessages;
using Squadra.Web.Features.Invitations;
using Squadra.Web.Features.Muting;
using Squadra.Web.Features.NotificationPreferences;
using Squadra.Web.Features.Notifications;
using Squadra.Web.Features.Presence;
using Squadra.Web.Features.Saved;
using Squadra.Web.Features.Teams;

namespace Squadra.Web;

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
        services.AddSingleton<SessionLifetime>();
        // Reset in this order when the user changes: the names first, since the others learn names as they load.
        services.AddUserScoped<KnownNames>();
        services.AddUserScoped<NotificationCenter>();
        services.AddUserScoped<NotificationPause>();
        services.AddUserScoped<MyTeams>();
        services.AddUserScoped<MyDms>();
        services.AddUserScoped<ChatMutes>();
        services.AddUserScoped<SavedMessages>();
        services.AddUserScoped<InvitationInbox>();
        services.AddUserScoped<ChatRooms>();
        services.AddUserScoped<ComposerDrafts>();
        services.AddUserScoped<ReadPositionSender>();
        services.AddUserScoped<ChatUnread>();
        services.AddUserScoped<WhoIsTyping>();
        services.AddUserScoped<TypingSender>();
        services.AddUserScoped<PresenceBook>();
        return services;
    }

    static void AddUserScoped<TStore>(this IServiceCollection services) where TStore : class, IUserScoped
    {
        services.AddSingleton<TStore>();
        services.AddSingleton<IUserScoped>(sp => sp.GetRequiredService<TStore>());
    }
}
