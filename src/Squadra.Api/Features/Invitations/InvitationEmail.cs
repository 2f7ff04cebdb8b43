using Squadra.Api.Features.Email;
using Squadra.Contracts.Invitations;

namespace Squadra.Api.Features.Invitations;

/// <summary>The wording of invitations by email: to an address (a link to join), or to an account that has one.</summary>
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

    /// <summary>To a user invited by username who wants invitations by email: the invitation waits in the app.</summary>
    public static EmailMessage ComposeForAccount(EmailOptions options, string to, string displayName, InvitationDto invitation) =>
        EmailTemplate.Compose(
            to,
            $"{invitation.Inviter.DisplayName} invited you to {invitation.TeamName} on Squadra",
            [
                $"Hello {displayName},",
                $"{invitation.Inviter.DisplayName} (@{invitation.Inviter.Username}) invited you to join the team “{invitation.TeamName}” on Squadra. Accept or decline it among your invitations.",
            ],
            "See your invitations",
            EmailTemplate.AppLink(options, "/invitations"),
            "You get this email because you chose to hear of invitations by email. Choose what Squadra emails you on your profile page.");
}
