using Squadra.Contracts.Accounts;
using Squadra.Contracts.Invitations;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Invitations;

/// <summary>
/// Whom to invite: a username, or (anything with an '@') an email address, which gets a link to join; one box, as in the
/// chat products people know, since a username never holds an '@'.
/// </summary>
public sealed class InviteForm : IFormModel
{
    public string? Username { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(Username)];

    public bool IsEmail => Username?.Contains('@', StringComparison.Ordinal) == true;

    public string? ErrorFor(string fieldName) => fieldName != nameof(Username) ? null
        : IsEmail ? AccountRules.EmailError(Username!.Trim())
        : AccountRules.UsernameError(Username?.Trim());

    public InviteRequest ToRequest() => IsEmail ? new(null, Username!.Trim()) : new(Username?.Trim());
}
