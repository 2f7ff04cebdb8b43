namespace Squadra.Contracts.Teams;

/// <summary>
/// The languages a team's messages can be searched in: PostgreSQL's text search configurations that every stock
/// PostgreSQL 15 has (Snowball stemmers), and <see cref="Simple"/>, words as typed. The server puts these names into
/// SQL, so this fixed list, not what a client or the database says, decides what is a language.
/// </summary>
public static class TeamLanguages
{
    /// <summary>No stemming and no stop words: words are matched as typed, lower-cased. Every team's and DM's default.</summary>
    public const string Simple = "simple";

    public static IReadOnlyList<string> All { get; } =
    [
        Simple, "arabic", "armenian", "basque", "catalan", "danish", "dutch", "english", "finnish", "french", "german",
        "greek", "hindi", "hungarian", "indonesian", "irish", "italian", "lithuanian", "nepali", "norwegian", "portuguese",
        "romanian", "russian", "serbian", "spanish", "swedish", "tamil", "turkish", "yiddish",
    ];

    public static bool IsKnown(string? language) => language is not null && All.Contains(language, StringComparer.Ordinal);

    /// <summary>Null when absent (unchanged) or known.</summary>
    public static string? LanguageError(string? language) =>
        language is null || IsKnown(language) ? null : $"Language must be \"{Simple}\" or a language in lower case, such as \"english\".";
}
