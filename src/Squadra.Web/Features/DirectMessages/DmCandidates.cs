using Squadra.Client;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.Teams;

namespace Squadra.Web.Features.DirectMessages;

/// <summary>
/// Whom the user can message: the other members of their teams (the API refuses anyone else), each once, by name.
/// The team list carries no members, so each team is read; they are few, and read at once.
/// </summary>
public static class DmCandidates
{
    public static async Task<(IReadOnlyList<UserDto> People, ApiProblem? Problem)> LoadAsync(
        ApiClient api, MyTeams myTeams, KnownNames names, string myUserId)
    {
        await myTeams.EnsureLoadedAsync();
        if (myTeams.Teams is null)
            return ([], myTeams.Problem);

        var answers = await Task.WhenAll(myTeams.Teams.Select(t => api.GetTeamAsync(t.Id)));
        var people = new Dictionary<string, UserDto>();
        foreach (var team in answers.Select(a => a.Value).OfType<TeamDto>())
        {
            names.Learn(team);
            foreach (var member in team.Members ?? [])
            {
                if (member.UserId != myUserId)
                    people[member.UserId] = new UserDto(member.UserId, member.Username, member.DisplayName);
            }
        }

        // A team gone meanwhile is left out; only when every read failed is there nothing to show but the reason.
        var problem = people.Count == 0 ? answers.FirstOrDefault(a => !a.IsSuccess)?.Problem : null;
        return ([.. people.Values.OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Username, StringComparer.Ordinal)], problem);
    }

    /// <summary>Whether someone matches what was typed: any word of the display name, or the username, starts with it.</summary>
    public static bool Matches(UserDto person, string typed)
    {
        var text = typed.Trim().TrimStart('@');
        if (text.Length == 0)
            return true;
        return person.Username.StartsWith(text, StringComparison.OrdinalIgnoreCase)
            || person.DisplayName.StartsWith(text, StringComparison.CurrentCultureIgnoreCase)
            || person.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.StartsWith(text, StringComparison.CurrentCultureIgnoreCase));
    }
}
