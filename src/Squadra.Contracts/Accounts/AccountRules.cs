using System.Text.RegularExpressions;

namespace Squadra.Contracts.Accounts;

/// <summary>The shape rules of spec/api.md "Accounts", shared by the API's validation and the browser's forms.</summary>
public static partial class AccountRules
{
    public const int UsernameMinLength = 3;
    public const int UsernameMaxLength = 32;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int DisplayNameMaxLength = 64;

    /// <summary>RFC 5321's limit on a forward path, which an address must fit in to be mailed to.</summary>
    public const int EmailMaxLength = 254;

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,32}$")]
    public static partial Regex UsernamePattern();

    public static string? UsernameError(string? username) =>
        string.IsNullOrEmpty(username) ? "Username is required."
        : UsernamePattern().IsMatch(username) ? null
        : $"Username must be {UsernameMinLength}-{UsernameMaxLength} characters of letters, digits, '_', '.' or '-'.";

    public static string? PasswordError(string? password) =>
        string.IsNullOrEmpty(password) ? "Password is required."
        : password.Length is < PasswordMinLength or > PasswordMaxLength
            ? $"Password must be {PasswordMinLength}-{PasswordMaxLength} characters."
            : TextRules.Error(password, "Password");

    public static string? DisplayNameError(string? displayName) =>
        displayName is null ? null
        : displayName.Trim().Length is 0 or > DisplayNameMaxLength
            ? $"Display name must be 1-{DisplayNameMaxLength} characters."
            : TextRules.Error(displayName, "Display name");

    /// <summary>
    /// An email address as people type one ("ana@example.org"): parsed by .NET's own <see cref="System.Net.Mail.MailAddress"/>,
    /// which also takes "Ana &lt;ana@example.org&gt;"; that form, and anything around the address, is refused here.
    /// </summary>
    public static string? EmailError(string? email) =>
        email is null ? null
        : email.Length > EmailMaxLength ? $"Email must be at most {EmailMaxLength} characters."
        : TextRules.Error(email, "Email") is { } textError ? textError
        : System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.DisplayName.Length == 0 && parsed.Host.Contains('.', StringComparison.Ordinal)
            ? null
            : "Email must be an address like name@example.org.";
}
