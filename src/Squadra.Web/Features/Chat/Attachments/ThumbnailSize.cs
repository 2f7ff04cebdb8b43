namespace Squadra.Web.Features.Chat.Attachments;

/// <summary>
/// The box an image is shown in within a message: its own proportions scaled down to fit <see cref="MaxWidth"/> by
/// <see cref="MaxHeight"/>, never up. Given as the img's width and height, so the browser keeps the space before it
/// loads and nothing below jumps; CSS shrinks it further on a narrow screen, keeping the proportions.
/// </summary>
public readonly record struct ThumbnailSize(int Width, int Height)
{
    public const int MaxWidth = 360;
    public const int MaxHeight = 240;

    /// <summary>Without known dimensions (not expected for an image): a landscape box of the largest size.</summary>
    public static ThumbnailSize Fit(int? width, int? height)
    {
        if (width is not > 0 || height is not > 0)
            return new(MaxWidth, MaxHeight);
        var scale = Math.Min(1.0, Math.Min((double)MaxWidth / width.Value, (double)MaxHeight / height.Value));
        return new(Math.Max(1, (int)Math.Round(width.Value * scale)), Math.Max(1, (int)Math.Round(height.Value * scale)));
    }
}
