using Squadra.Contracts.Accounts;
using Squadra.Contracts.Invitations;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Invitations;

public sealed class InviteForm : IFormModel
{
    public string? Username { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(Username)];

    public string? ErrorFor(string fieldName) => fieldName == nameof(Username) ? AccountRules.UsernameError(Username?.Trim()) : null;

    public InviteRequest ToRequest() => new(Username?.Trim());
}
