using Squadra.Api.Features.Email;
using Squadra.Contracts.Invitations;

namespace Squadra.Api.Features.Invitations;

/// <summary>The wording of an invitation by email: who invites, to which team, and what the link does.</summary>
internal static class InvitationEmail
{
    public static EmailMessage Compose(EmailOptions options, string to, InvitationDto invitation, string token) =>
        EmailTemplate.Compose(
            to,
            $"{invitation.Inviter.DisplayName} invited you to {invitation.TeamName} on Squadra",
            [
                "Hello,",
                $"{invitation.Inviter.DisplayName} (@{invitation.Inviter.Username}) invited you to join the team “{invitation.TeamName}” on Squadra, where the team chats and plans its events.",
                $"The link works for {InvitationStore.EmailInvitationLifetime.TotalDays:0} days. No account yet? You create one on the way; it takes a minute.",
            ],
            $"Join {invitation.TeamName}",
            EmailTemplate.AppLink(options, $"/join/{token}"),
            $"You get this email because {invitation.Inviter.DisplayName} entered your address. If you do not know them, ignore it: nothing happens.");
}
