namespace Squadra.Api.Auth;

/// <summary>
/// The type argument Identity's <c>PasswordHasher&lt;TUser&gt;</c> asks for; the hasher never looks at it.
/// </summary>
internal sealed class PasswordOwner
{
    public static readonly PasswordOwner Instance = new();
}
