using System.Text.RegularExpressions;

namespace Squadra.Api.Features.Search;

/// <summary>
/// What a search box's text asks for: the words, phrases and exclusions go to PostgreSQL's
/// <c>websearch_to_tsquery</c> as they are (it reads <c>"a phrase"</c>, <c>-word</c> and <c>or</c>); the one thing it
/// does not know, <c>from:username</c>, is taken out here.
/// </summary>
internal sealed partial record SearchTerms(string Text, string? From)
{
    public static SearchTerms Parse(string query)
    {
        string? from = null;
        var text = FromFilter().Replace(query, match =>
        {
            from = match.Groups["username"].Value;
            return " ";
        });
        return new SearchTerms(text.Trim(), from);
    }

    // A username's characters (AccountRules), after "from:" at the start or after a space; a leading @ is forgiven.
    [GeneratedRegex(@"(?<=^|\s)from:@?(?<username>[A-Za-z0-9_.-]{1,32})(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FromFilter();
}
