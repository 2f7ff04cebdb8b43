using Squadra.Contracts.Accounts;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Accounts;

public sealed class LoginForm : IFormModel
{
    public string? Username { get; set; }

    public string? Password { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(Username), nameof(Password)];

    // The full rules, not just "required": a login that cannot succeed would still count towards the 429 limit.
    public string? ErrorFor(string fieldName) => fieldName switch
    {
        nameof(Username) => AccountRules.UsernameError(Username),
        nameof(Password) => AccountRules.PasswordError(Password),
        _ => null,
    };

    public LoginRequest ToRequest() => new(Username, Password);
}
