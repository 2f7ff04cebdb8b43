using System.Globalization;

namespace Squadra.Web.Components;

/// <summary>
/// The letter that stands for a name where there is no picture (a person's <see cref="Avatar"/>, a team in the
/// sidebar): its first character, upper case, or "?" for no name. A character, not a UTF-16 unit: a name may start
/// with an emoji or an accented letter written in two parts.
/// </summary>
public static class Initials
{
    public static string Of(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "?" : StringInfo.GetNextTextElement(name.Trim()).ToUpperInvariant();
}
