using Squadra.Api.Features.Chat;
using Squadra.Api.Features.Invitations;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Idempotency;

namespace Squadra.Api.Features.Teams;

internal static class TeamsSetup
{
    /// <summary>Teams, invitations, chat and the notifications they cause.</summary>
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TeamStore>();
        builder.Services.AddSingleton<InvitationStore>();
        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddSingleton<ChatStore>();
        builder.Services.AddSingleton<IdempotencyFilter>();
        return builder;
    }
}
