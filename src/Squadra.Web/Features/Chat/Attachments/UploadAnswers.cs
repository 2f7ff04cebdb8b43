using System.Text.Json;
using Squadra.Client;
using Squadra.Contracts.Attachments;

namespace Squadra.Web.Features.Chat.Attachments;

/// <summary>What attachments.js's upload resolved with: the HTTP status (0: no answer at all) and the answer's text.</summary>
public sealed record UploadAnswer(int Status, string Body);

/// <summary>An upload's answer read as ApiClient reads one: the attachment, or the sentence to show on the chip.</summary>
public static class UploadAnswers
{
    public static (AttachmentDto? Attachment, string? Error) Read(UploadAnswer answer)
    {
        if (answer.Status is >= 200 and < 300 && Deserialize<AttachmentDto>(answer.Body) is { } attachment)
            return (attachment, null);

        var problem = Deserialize<ApiProblem>(answer.Body);
        return (null, answer.Status switch
        {
            0 => "Not uploaded: Squadra could not be reached.",
            >= 500 => "Not uploaded: Squadra could not take it just now.",
            413 => problem?.Detail ?? $"Too large: a file may be at most {FileSizes.Describe(AttachmentRules.MaxBytes)}.",
            401 => "Not uploaded: you were signed out.",
            _ => problem?.Detail ?? problem?.Title ?? $"Not uploaded ({answer.Status}).",
        });
    }

    static T? Deserialize<T>(string json) where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
