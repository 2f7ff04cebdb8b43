using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Squadra.Contracts.Chat;

/// <summary>
/// What a reaction is (api-v2 "reactions"): a <c>:shortcode:</c> of <c>[a-z0-9_+-]{1,32}</c>, or one emoji. "One
/// emoji" is exactly one extended grapheme cluster (<see cref="StringInfo"/>, UAX #29: a ZWJ family, a flag, a skin
/// tone or a keycap is one) of at most <see cref="MaxEmojiLength"/> UTF-16 units, made only of symbols and the
/// joiners emoji use (ZWJ, variation selectors, the keycap mark, tag characters), with at least one code point that
/// shows as an emoji: one of the emoji blocks (U+1F000-U+1FAFF, flags included), a BMP emoji with emoji presentation
/// (✅, ⭐, ⚽...), a symbol followed by U+FE0F (❤️, ☀️), or a keycap (1️⃣). So letters, digits, spaces, punctuation,
/// control characters and plain symbols such as ⌘ or © (without U+FE0F) are refused. Shared by the API and the browser.
/// </summary>
public static partial class ReactionRules
{
    /// <summary>Distinct reactions a message holds at most.</summary>
    public const int MaxDistinct = 20;

    public const int MaxEmojiLength = 32;

    public const string Invalid = "A reaction is one emoji or a :shortcode: of 1-32 of a-z, 0-9, _, + and -.";

    /// <summary>The emoji the browser app offers.</summary>
    public static readonly IReadOnlyList<string> Common = ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "👀", "✅", "🔥"];

    private const char ZeroWidthJoiner = '\u200D';
    private const char EmojiPresentation = '\uFE0F';
    private const char TextPresentation = '\uFE0E';
    private const char CombiningKeycap = '\u20E3';

    // BMP code points whose default presentation is emoji (Unicode's Emoji_Presentation property outside the emoji blocks).
    private const string PresentationBmp =
        "⌚⌛⏩⏪⏫⏬⏰⏳◽◾☔☕♈♉♊♋♌♍♎♏♐♑♒♓♿⚓⚡⚪⚫⚽⚾⛄⛅⛎⛔⛪⛲⛳⛵⛺⛽✅✊✋✨❌❎❓❔❕❗➕➖➗➰➿⬛⬜⭐⭕";

    [GeneratedRegex("^:[a-z0-9_+-]{1,32}:$")]
    private static partial Regex Shortcode();

    /// <summary>Null when <paramref name="emoji"/> (already NFC) is a reaction; otherwise why not.</summary>
    public static string? EmojiError(string? emoji) =>
        emoji is not null && (Shortcode().IsMatch(emoji) || IsOneEmoji(emoji)) ? null : Invalid;

    private static bool IsOneEmoji(string text)
    {
        if (text.Length is 0 or > MaxEmojiLength || new StringInfo(text).LengthInTextElements != 1)
        {
            return false;
        }
        var runes = text.EnumerateRunes().ToList();
        if (runes.Count >= 2 && IsKeycapBase(runes[0]) && runes[^1].Value == CombiningKeycap)
        {
            return runes.Skip(1).All(r => r.Value is EmojiPresentation or CombiningKeycap);
        }
        var showsAsEmoji = false;
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (IsJoiner(rune))
            {
                continue;
            }
            if (!IsSymbol(rune))
            {
                return false;
            }
            showsAsEmoji |= rune.Value is >= 0x1F000 and <= 0x1FAFF
                || (rune.IsBmp && PresentationBmp.Contains((char)rune.Value, StringComparison.Ordinal))
                || (i + 1 < runes.Count && runes[i + 1].Value == EmojiPresentation);
        }
        return showsAsEmoji;
    }

    private static bool IsKeycapBase(Rune rune) => rune.Value is (>= '0' and <= '9') or '#' or '*';

    private static bool IsJoiner(Rune rune) =>
        rune.Value is ZeroWidthJoiner or EmojiPresentation or TextPresentation or CombiningKeycap or (>= 0xE0020 and <= 0xE007F);

    // Skin tones (U+1F3FB-U+1F3FF) are modifier symbols; regional indicators and pictographs are other symbols.
    private static bool IsSymbol(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.MathSymbol;
}
