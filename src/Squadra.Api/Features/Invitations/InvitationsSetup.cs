namespace Squadra.Api.Features.Invitations;

internal static class InvitationsSetup
{
    public static IHostApplicationBuilder AddInvitations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InvitationStore>();
        return builder;
    }
}
