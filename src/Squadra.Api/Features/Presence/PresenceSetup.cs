using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Presence;

internal static class PresenceSetup
{
    /// <summary>
    /// Who is online, kept in every replica's memory from announcements on the fan-out channel; only "last seen" is
    /// written. After Teams: a presence push goes to the local members of the user's teams and DMs.
    /// </summary>
    public static IHostApplicationBuilder AddPresence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LocalPresence>();
        builder.Services.AddSingleton<PresenceBoard>();
        builder.Services.AddSingleton<PresencePushes>();
        builder.Services.AddSingleton<LastSeenStore>();
        builder.Services.AddFanoutEvent<PresenceOnline>("po");
        builder.Services.AddFanoutEvent<PresenceOffline>("pf");
        builder.Services.AddFanoutEvent<PresenceHeartbeat>("ph");
        builder.Services.AddFanoutEvent<PresenceListAsked>("pq");
        builder.Services.AddFanoutEvent<PresenceList>("pl");
        builder.Services.AddFanout<PresenceFanout>();
        return builder;
    }
}
