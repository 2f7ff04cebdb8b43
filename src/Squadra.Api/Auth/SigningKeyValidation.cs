using Microsoft.Extensions.Options;

namespace Squadra.Api.Auth;

internal sealed class SigningKeyValidation : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        try
        {
            return options.SigningKeyBytes().Length >= 32
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Auth:SigningKey must decode to at least 32 bytes.");
        }
        catch (FormatException)
        {
            return ValidateOptionsResult.Fail("Auth:SigningKey must be base64.");
        }
    }
}
