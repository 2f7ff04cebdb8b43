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
}
