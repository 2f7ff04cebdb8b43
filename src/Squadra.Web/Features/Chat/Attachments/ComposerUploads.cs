using Squadra.Contracts.Attachments;

namespace Squadra.Web.Features.Chat.Attachments;

/// <summary>A file the browser holds for a composer (attachments.js keeps the File itself): what .NET knows of it.</summary>
public sealed record ChosenFile(string Id, string Name, long Size, string ContentType);

/// <summary>One file in the composer, shown as a chip: uploading (with its percent), uploaded, or failed (with why).</summary>
public sealed class ComposerUpload(ChosenFile file)
{
    public ChosenFile File { get; } = file;

    public int Percent { get; set; }

    public AttachmentDto? Attachment { get; set; }

    public string? Error { get; set; }

    public bool IsRunning => Attachment is null && Error is null;

    public void Restart() => (Percent, Error) = (0, null);
}

/// <summary>
/// The files of the message being written, and the rules checked before anything is uploaded: a file over
/// <see cref="AttachmentRules.MaxBytes"/> and any past <see cref="AttachmentRules.MaxPerMessage"/> are refused here, so
/// nobody waits for an upload the server would refuse. No I/O, so the rules are tested on their own.
/// </summary>
public sealed class ComposerUploads
{
    readonly List<ComposerUpload> _uploads = [];

    public IReadOnlyList<ComposerUpload> All => _uploads;

    public bool IsUploading => _uploads.Any(u => u.IsRunning);

    public IReadOnlyList<AttachmentDto> Finished => [.. _uploads.Where(u => u.Attachment is not null).Select(u => u.Attachment!)];

    /// <summary>
    /// Text, or at least one uploaded file, and nothing still uploading: a message never leaves without a file the user
    /// is waiting for. A failed upload does not hold it back (it stays in the composer to try again or remove).
    /// </summary>
    public bool CanSend(bool hasText) => !IsUploading && (hasText || _uploads.Any(u => u.Attachment is not null));

    /// <summary>Takes the files that fit; says why the others were refused (null when none was).</summary>
    public (IReadOnlyList<ComposerUpload> Accepted, IReadOnlyList<ChosenFile> Refused, string? Refusal) Offer(IReadOnlyList<ChosenFile> files)
    {
        var tooLarge = files.Where(f => f.Size > AttachmentRules.MaxBytes).ToList();
        var fitting = files.Where(f => f.Size <= AttachmentRules.MaxBytes).ToList();
        var room = Math.Max(0, AttachmentRules.MaxPerMessage - _uploads.Count);
        var accepted = fitting.Take(room).Select(f => new ComposerUpload(f)).ToList();
        var tooMany = fitting.Skip(room).ToList();
        _uploads.AddRange(accepted);

        var reasons = new List<string>();
        if (tooLarge.Count > 0)
            reasons.Add($"{Names(tooLarge)} {(tooLarge.Count == 1 ? "is" : "are")} larger than {FileSizes.Describe(AttachmentRules.MaxBytes)}, the most a file may be.");
        if (tooMany.Count > 0)
            reasons.Add($"A message takes at most {AttachmentRules.MaxPerMessage} files: {Names(tooMany)} {(tooMany.Count == 1 ? "was" : "were")} not added.");
        return (accepted, [.. tooLarge, .. tooMany], reasons.Count == 0 ? null : string.Join(' ', reasons));
    }

    public bool Remove(ComposerUpload upload) => _uploads.Remove(upload);

    /// <summary>The uploaded files, for the message being sent: they leave the composer, failed ones stay.</summary>
    public IReadOnlyList<ComposerUpload> TakeFinished()
    {
        var finished = _uploads.Where(u => u.Attachment is not null).ToList();
        _uploads.RemoveAll(finished.Contains);
        return finished;
    }

    static string Names(List<ChosenFile> files) =>
        files.Count <= 2 ? string.Join(" and ", files.Select(f => $"“{f.Name}”")) : $"“{files[0].Name}” and {files.Count - 1} more";
}
