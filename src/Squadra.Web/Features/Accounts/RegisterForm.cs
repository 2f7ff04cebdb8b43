using Squadra.Contracts.Accounts;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Accounts;

public sealed class RegisterForm : IFormModel
{
    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Optional: without one a forgotten password cannot be reset.</summary>
    public string? Email { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(Username), nameof(Password), nameof(DisplayName), nameof(Email)];

    public string? ErrorFor(string fieldName) => fieldName switch
    {
        nameof(Username) => AccountRules.UsernameError(Username),
        nameof(Password) => AccountRules.PasswordError(Password),
        nameof(DisplayName) => AccountRules.DisplayNameError(OptionalDisplayName),
        nameof(Email) => AccountRules.EmailError(OptionalEmail),
        _ => null,
    };

    public RegisterRequest ToRequest() => new(Username, Password, OptionalDisplayName, OptionalEmail);

    // An empty box means "use my username", which the API does when the field is absent.
    string? OptionalDisplayName => string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim();

    string? OptionalEmail => string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
}
