using Squadra.Contracts.Accounts;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Accounts;

public sealed class RegisterForm : IFormModel
{
    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? DisplayName { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(Username), nameof(Password), nameof(DisplayName)];

    public string? ErrorFor(string fieldName) => fieldName switch
    {
        nameof(Username) => AccountRules.UsernameError(Username),
        nameof(Password) => AccountRules.PasswordError(Password),
        nameof(DisplayName) => AccountRules.DisplayNameError(OptionalDisplayName),
        _ => null,
    };

    public RegisterRequest ToRequest() => new(Username, Password, OptionalDisplayName);

    // An empty box means "use my username", which the API does when the field is absent.
    string? OptionalDisplayName => string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim();
}
