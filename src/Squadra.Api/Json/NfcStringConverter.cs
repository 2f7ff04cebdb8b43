using System.Text.Json;
using System.Text.Json.Serialization;

namespace Squadra.Api.Json;

/// <summary>
/// api-v2 "Text is stored as NFC": every string a request body carries is normalised as it is read, so
/// "é" typed as e + combining accent (macOS, some phone keyboards) and "é" as one character are the same
/// name, sort together and count the same against length limits. Passwords included, at register and at
/// login alike (NIST SP 800-63B asks for normalisation). Text that is not valid Unicode (a lone surrogate)
/// cannot be normalised or stored: it is refused as malformed JSON (400).
/// </summary>
internal sealed class NfcStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null)
        {
            return null;
        }
        return Nfc.TryNormalize(text) ?? throw new JsonException("The text is not valid Unicode.");
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
