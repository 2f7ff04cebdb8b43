using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Teams;

internal static class TeamsSetup
{
    /// <summary>
    /// Teams and memberships, and the groups of live connections that follow them. Add it before the features whose
    /// fan-out reads a connection's teams (chat): connection observers run in registration order.
    /// </summary>
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TeamStore>();
        builder.Services.AddFanoutEvent<MembershipChanged>("m");
        builder.Services.AddFanout<MembershipFanout>();
        return builder;
    }
}
