namespace Squadra.Contracts;

/// <summary>
/// api-v2 "Text": what no text field takes, shared by the API's validation and the browser's forms. Control
/// characters (U+0000-U+001F, U+007F-U+009F) broke storage (PostgreSQL refuses NUL: a 500) and let a display
/// name with CR/LF write whole events into calendar feeds; the bidirectional overrides make text read
/// differently from what it is. Multi-line fields (message bodies, descriptions) keep <c>\n</c> and <c>\t</c>.
/// </summary>
public static class TextRules
{
    public static bool IsForbidden(char c, bool multiline) =>
        c switch
        {
            '\n' or '\t' => !multiline,
            < '\u0020' => true,
            >= '\u007F' and <= '\u009F' => true,
            >= '\u202A' and <= '\u202E' => true,
            >= '\u2066' and <= '\u2069' => true,
            _ => false,
        };

    /// <summary>Null when the text is acceptable; otherwise the error to show, naming the field.</summary>
    public static string? Error(string? value, string what, bool multiline = false)
    {
        if (value is null || !value.Any(c => IsForbidden(c, multiline)))
        {
            return null;
        }
        return multiline
            ? $"{what} cannot contain control characters (other than line breaks and tabs) or direction overrides."
            : $"{what} must be one line, without control characters or direction overrides.";
    }
}
