using Squadra.Contracts;
using Squadra.Contracts.Accounts;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Accounts;

/// <summary>The forgot-password page's one field: a username or the account's email address.</summary>
public sealed class ForgotPasswordForm : IFormModel
{
    public string? Login { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(Login)];

    public string? ErrorFor(string fieldName) => fieldName switch
    {
        nameof(Login) => string.IsNullOrWhiteSpace(Login) ? "Enter your username or email address." : TextRules.Error(Login, "Login"),
        _ => null,
    };

    public PasswordResetRequest ToRequest() => new(Login?.Trim());
}
