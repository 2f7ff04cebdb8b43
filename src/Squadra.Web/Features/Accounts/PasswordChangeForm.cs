using Squadra.Contracts.Accounts;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Accounts;

/// <summary>The profile page's "Password": the current one proves it is the owner at the keyboard.</summary>
public sealed class PasswordChangeForm : IFormModel
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(CurrentPassword), nameof(NewPassword)];

    public string? ErrorFor(string fieldName) => fieldName switch
    {
        nameof(CurrentPassword) => string.IsNullOrEmpty(CurrentPassword) ? "Current password is required." : null,
        nameof(NewPassword) => AccountRules.PasswordError(NewPassword)?.Replace("Password", "New password", StringComparison.Ordinal),
        _ => null,
    };

    public ChangePasswordRequest ToRequest() => new(CurrentPassword, NewPassword);

    public void Clear() => (CurrentPassword, NewPassword) = (null, null);
}
