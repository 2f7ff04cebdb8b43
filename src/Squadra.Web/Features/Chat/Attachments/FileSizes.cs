using System.Globalization;

namespace Squadra.Web.Features.Chat.Attachments;

/// <summary>A file's size as people read it: "512 B", "340 KB", "2.4 MB" (1024-based, as the 10 MB limit is).</summary>
public static class FileSizes
{
    public static string Describe(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => Scaled(bytes / 1024.0, "KB"),
        _ => Scaled(bytes / (1024.0 * 1024), "MB"),
    };

    // One decimal while it says something (2.4 MB), none above ten (12 MB, 340 KB).
    static string Scaled(double value, string unit) =>
        (value < 10 ? Math.Round(value, 1) : Math.Round(value)).ToString(value < 10 ? "0.#" : "0", CultureInfo.CurrentCulture) + " " + unit;
}
