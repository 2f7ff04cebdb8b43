using Squadra.Contracts.Accounts;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Accounts;

/// <summary>The profile page's "About you": the name teammates see, and the address only the user sees.</summary>
public sealed class ProfileForm : IFormModel
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(DisplayName), nameof(Email)];

    public string? ErrorFor(string fieldName) => fieldName switch
    {
        nameof(DisplayName) => AccountRules.DisplayNameError(DisplayName ?? ""),
        nameof(Email) => AccountRules.EmailError(OptionalEmail),
        _ => null,
    };

    public void Fill(AccountDto account) => (DisplayName, Email) = (account.DisplayName, account.Email);

    // An empty box removes the address, which the API reads from an empty string.
    public UpdateAccountRequest ToRequest() => new(DisplayName?.Trim(), OptionalEmail ?? "");

    string? OptionalEmail => string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
}
