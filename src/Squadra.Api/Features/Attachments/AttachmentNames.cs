using System.Globalization;
using System.Text;
using Squadra.Api.Json;
using Squadra.Contracts;

namespace Squadra.Api.Features.Attachments;

/// <summary>
/// The name a file is shown and downloaded under: the client's, as Slack and Mattermost keep it, made harmless. Any
/// folder part goes (Windows browsers once sent whole paths), control characters and direction overrides are dropped
/// (TextRules: "invoice‮fdp.exe" must not read as a PDF), NFC like every text, and at most
/// <see cref="MaxLength"/> characters, cut in the stem so the extension stays.
/// </summary>
internal static class AttachmentNames
{
    public const int MaxLength = 255;
    public const string Fallback = "file";

    public static string Clean(string? given)
    {
        var name = given ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        name = Nfc.TryNormalize(name) ?? "";
        name = new string([.. name.Where(c => !TextRules.IsForbidden(c, multiline: false))]).Trim();
        if (name.Length == 0 || name.All(c => c == '.'))
        {
            return Fallback;
        }
        return name.Length <= MaxLength ? name : Shorten(name);
    }

    // Whole text elements only (no half of a surrogate pair or of an emoji sequence), and the extension kept.
    private static string Shorten(string name)
    {
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= 16 ? name[dot..] : "";
        var stem = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(name[..(name.Length - extension.Length)]);
        while (elements.MoveNext() && stem.Length + elements.GetTextElement().Length + extension.Length <= MaxLength)
        {
            stem.Append(elements.GetTextElement());
        }
        return stem.ToString().TrimEnd() + extension;
    }
}
