using Squadra.Contracts;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Features.Accounts;

internal static class AccountValidation
{
    public static Dictionary<string, string[]> Validate(RegisterRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        AddIfInvalid(errors, "username", AccountRules.UsernameError(request.Username));
        AddIfInvalid(errors, "password", AccountRules.PasswordError(request.Password));
        AddIfInvalid(errors, "displayName", AccountRules.DisplayNameError(request.DisplayName));
        AddIfInvalid(errors, "email", AccountRules.EmailError(request.Email));
        return errors;
    }

    public static Dictionary<string, string[]> Validate(UpdateAccountRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        AddIfInvalid(errors, "displayName", AccountRules.DisplayNameError(request.DisplayName));
        // An empty address removes it.
        AddIfInvalid(errors, "email", request.Email is "" ? null : AccountRules.EmailError(request.Email));
        return errors;
    }

    public static Dictionary<string, string[]> Validate(ChangePasswordRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        AddIfInvalid(errors, "currentPassword", string.IsNullOrEmpty(request.CurrentPassword) ? "Current password is required." : null);
        AddIfInvalid(errors, "newPassword", AccountRules.PasswordError(request.NewPassword)?.Replace("Password", "New password", StringComparison.Ordinal));
        return errors;
    }

    public static Dictionary<string, string[]> Validate(LoginRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        AddIfInvalid(errors, "username", string.IsNullOrEmpty(request.Username) ? "Username is required." : TextRules.Error(request.Username, "Username"));
        AddIfInvalid(errors, "password", string.IsNullOrEmpty(request.Password) ? "Password is required." : TextRules.Error(request.Password, "Password"));
        return errors;
    }

    private static void AddIfInvalid(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }
}
