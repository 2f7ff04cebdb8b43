namespace Squadra.Web.Features.Chat.Attachments;

/// <summary>What a file card shows of a file's kind: a short badge (its icon), the words for it, and the badge's colour class.</summary>
public sealed record FileKind(string Badge, string Description, string CssClass);

public static class FileKinds
{
    public static FileKind Of(string contentType, string name)
    {
        var type = contentType.ToUpperInvariant();
        var extension = Path.GetExtension(name).TrimStart('.').ToUpperInvariant();
        return (type, extension) switch
        {
            ("APPLICATION/PDF", _) or (_, "PDF") => new("PDF", "PDF document", "kind-pdf"),
            (_, "DOC" or "DOCX" or "ODT" or "RTF") => new("DOC", "Document", "kind-doc"),
            (_, "XLS" or "XLSX" or "ODS" or "CSV") => new("XLS", "Spreadsheet", "kind-sheet"),
            (_, "PPT" or "PPTX" or "ODP" or "KEY") => new("PPT", "Presentation", "kind-slides"),
            (_, "ZIP" or "GZ" or "TGZ" or "7Z" or "RAR" or "TAR") => new("ZIP", "Archive", "kind-archive"),
            _ when type.StartsWith("IMAGE/", StringComparison.Ordinal) => new("IMG", "Image", "kind-image"),
            _ when type.StartsWith("AUDIO/", StringComparison.Ordinal) => new("♪", "Audio", "kind-media"),
            _ when type.StartsWith("VIDEO/", StringComparison.Ordinal) => new("▶", "Video", "kind-media"),
            _ when type.StartsWith("TEXT/", StringComparison.Ordinal) => new("TXT", "Text", "kind-text"),
            _ => new(extension.Length is > 0 and <= 4 ? extension : "FILE", extension.Length > 0 ? $"{extension} file" : "File", "kind-other"),
        };
    }
}
