namespace Squadra.Contracts.Accounts;

/// <summary>POST /api/auth/password-reset: a username or an email address; answered 202 whether or not it names an account.</summary>
public sealed record PasswordResetRequest(string? Login);

/// <summary>POST /api/auth/password-reset/confirm: the token of the emailed link and the password to set.</summary>
public sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword);
