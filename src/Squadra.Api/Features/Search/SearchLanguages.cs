using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Search;

/// <summary>
/// The search's match over messages in several languages: the words are parsed once per language (an English team's
/// "running" is 'run', a simple team's is 'running') and each message is matched against its own language's parse.
/// </summary>
internal static class SearchLanguages
{
    /// <summary>
    /// SQL: the message <c>m</c> matches <c>@text</c> in its language. The languages come from the database but are
    /// written into the SQL, so only those of the fixed list are: one the list does not know matches nothing.
    /// </summary>
    public static string Matches(IEnumerable<string> languages)
    {
        var known = languages.Where(TeamLanguages.IsKnown).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return known.Count == 0
            ? "false"
            : string.Join(" OR ", known.Select(language =>
                $"(m.search_language = '{language}'::regconfig AND m.search @@ websearch_to_tsquery('{language}', @text))"));
    }
}
