namespace Squadra.Contracts.Accounts;

/// <summary>
/// The caller's own account (GET and PATCH /api/me): a <see cref="UserDto"/> and what only its owner sees, the email
/// address (null when none was given). Everyone else sees the <see cref="User"/> part only.
/// </summary>
public sealed record AccountDto(string Id, string Username, string DisplayName, string? Email)
{
    public UserDto User => new(Id, Username, DisplayName);
}

/// <summary>PATCH /api/me: a field left out (null) stays as it is; an empty <see cref="Email"/> removes the address.</summary>
public sealed record UpdateAccountRequest(string? DisplayName = null, string? Email = null);

/// <summary>POST /api/me/password: the current password proves it is the owner, not someone at an unlocked screen.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
