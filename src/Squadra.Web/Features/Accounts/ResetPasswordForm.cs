using Squadra.Contracts.Accounts;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Accounts;

/// <summary>The reset page's new password; the token comes from the emailed link, not from the person.</summary>
public sealed class ResetPasswordForm : IFormModel
{
    public string? NewPassword { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(NewPassword)];

    public string? ErrorFor(string fieldName) => fieldName switch
    {
        nameof(NewPassword) => AccountRules.PasswordError(NewPassword)?.Replace("Password", "New password", StringComparison.Ordinal),
        _ => null,
    };

    public PasswordResetConfirmRequest ToRequest(string? token) => new(token, NewPassword);
}
