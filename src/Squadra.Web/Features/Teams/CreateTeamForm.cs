using Squadra.Contracts.Teams;
using Squadra.Web.Components;

namespace Squadra.Web.Features.Teams;

public sealed class CreateTeamForm : IFormModel
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public IReadOnlyCollection<string> FieldNames { get; } = [nameof(Name), nameof(Description)];

    public string? ErrorFor(string fieldName) => fieldName switch
    {
        nameof(Name) => TeamRules.NameError(Name),
        nameof(Description) => TeamRules.DescriptionError(Description),
        _ => null,
    };

    public CreateTeamRequest ToRequest() =>
        new(Name?.Trim(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim());
}
