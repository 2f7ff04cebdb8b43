using System.Text.RegularExpressions;
using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Chat;

/// <summary>The @mentions a message body names, shared by the API (who is mentioned) and the browser (what to highlight).</summary>
public static partial class MentionRules
{
    /// <summary>"@all": from an owner or admin, every member; never a username mention.</summary>
    public const string All = "all";

    /// <summary>
    /// "@" and a username (<see cref="AccountRules.UsernamePattern"/>) not preceded by a username character or "@" (so
    /// "ana@example.com" mentions nobody). Trailing '.' and '-' are the sentence's, not the name's: "thanks @ben." is ben.
    /// </summary>
    [GeneratedRegex("(?<![A-Za-z0-9_.@-])@(?<name>[A-Za-z0-9_.-]*[A-Za-z0-9_])")]
    public static partial Regex Token();

    // Code is quoted, not addressed: fenced blocks and inline code spans (CommonMark's backtick runs) mention nobody.
    [GeneratedRegex(@"^[ ]{0,3}(?:(?<fence>`{3,})[^`\n]*|(?<fence>~{3,})[^\n]*)\n.*?(?:^[ ]{0,3}\k<fence>[`~]*[ \t]*$|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex("(?<!`)(?<run>`+)(?!`).+?(?<!`)\\k<run>(?!`)", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

    /// <summary>Whether a token's name can be a mention at all (a username's length; "all" is <see cref="All"/>).</summary>
    public static bool IsName(string name) =>
        name.Length is >= AccountRules.UsernameMinLength and <= AccountRules.UsernameMaxLength;

    public static bool IsAll(string name) => string.Equals(name, All, StringComparison.OrdinalIgnoreCase);

    /// <summary>The usernames a body mentions, each once in the order of its first mention, and whether it says "@all".</summary>
    public static MentionedNames Parse(string body)
    {
        var prose = CodeSpan().Replace(FencedCode().Replace(body, " "), " ");
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var all = false;
        foreach (Match match in Token().Matches(prose))
        {
            var name = match.Groups["name"].Value;
            if (IsAll(name))
            {
                all = true;
            }
            else if (IsName(name) && seen.Add(name))
            {
                names.Add(name);
            }
        }
        return new MentionedNames(names, all);
    }
}

public sealed record MentionedNames(IReadOnlyList<string> Usernames, bool All);
