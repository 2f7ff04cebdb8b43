using System.Text;

namespace Squadra.Api.Json;

/// <summary>Text from outside a JSON body (a route value) normalised as <see cref="NfcStringConverter"/> does bodies.</summary>
internal static class Nfc
{
    /// <summary>The text as NFC; null when it is not valid Unicode (a lone surrogate).</summary>
    public static string? TryNormalize(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
