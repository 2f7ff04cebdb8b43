using Squadra.Api.Features.Email;

namespace Squadra.Api.Features.Accounts;

/// <summary>The reset email's wording. The token rides in the link's fragment, which browsers never send to a server (nor its logs).</summary>
internal static class PasswordResetEmail
{
    public static EmailMessage Compose(EmailOptions options, string to, string displayName, string token) =>
        EmailTemplate.Compose(
            to,
            "Reset your Squadra password",
            [
                $"Hello {displayName},",
                "Someone asked to reset the password of your Squadra account. If it was you, choose a new password with the link below. It works once, for one hour.",
                "If it was not you, ignore this email: your password stays as it is.",
            ],
            "Choose a new password",
            EmailTemplate.AppLink(options, $"/reset-password#token={token}"),
            "You get this email because this address belongs to a Squadra account.");
}
