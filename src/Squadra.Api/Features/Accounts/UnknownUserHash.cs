using Microsoft.AspNetCore.Identity;
using Squadra.Api.Auth;

namespace Squadra.Api.Features.Accounts;

/// <summary>A real hash of a random password, verified against when the username is unknown.</summary>
internal static class UnknownUserHash
{
    private static string? s_value;

    public static string Value(IPasswordHasher<PasswordOwner> hasher) =>
        s_value ??= hasher.HashPassword(PasswordOwner.Instance, Guid.NewGuid().ToString());
}
