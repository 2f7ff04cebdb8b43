namespace Squadra.Contracts.Attachments;

public static class AttachmentRules
{
    /// <summary>The largest file an upload takes (10 MiB); above it the answer is 413.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>How many attachments one message carries at most.</summary>
    public const int MaxPerMessage = 10;

    /// <summary>The multipart field that carries the file.</summary>
    public const string FileField = "file";
}
