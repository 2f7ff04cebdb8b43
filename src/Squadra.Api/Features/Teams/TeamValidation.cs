using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Teams;

internal static class TeamValidation
{
    public static Dictionary<string, string[]> Validate(CreateTeamRequest request) =>
        Errors(
            ("name", TeamRules.NameError(request.Name)),
            ("description", TeamRules.DescriptionError(request.Description)),
            ("language", TeamLanguages.LanguageError(request.Language)));

    public static Dictionary<string, string[]> Validate(UpdateTeamRequest request) =>
        Errors(
            ("name", request.Name is null ? null : TeamRules.NameError(request.Name)),
            ("description", TeamRules.DescriptionError(request.Description)),
            ("language", TeamLanguages.LanguageError(request.Language)));

    public static Dictionary<string, string[]> Validate(ChangeRoleRequest request) =>
        Errors(("role", request.Role is TeamRoles.Admin or TeamRoles.Member ? null : "Role must be \"admin\" or \"member\"."));

    private static Dictionary<string, string[]> Errors(params (string Field, string? Error)[] checks) =>
        checks.Where(c => c.Error is not null).ToDictionary(c => c.Field, c => new[] { c.Error! });
}
