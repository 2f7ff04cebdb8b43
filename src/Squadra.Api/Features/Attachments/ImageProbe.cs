using SkiaSharp;

namespace Squadra.Api.Features.Attachments;

/// <summary>What an upload's bytes decode as when they are an image the browser may show inline.</summary>
internal sealed record ProbedImage(string ContentType, int Width, int Height, byte[] Thumbnail);

/// <summary>
/// Decides by the bytes alone whether an upload is an image (PNG, JPEG, GIF or WebP, as Skia's codecs recognise it),
/// never by its name or declared type; SVG, HTML and anything else are files. Its size is the displayed one (after
/// EXIF orientation), and its thumbnail fits <see cref="ThumbnailBox"/>, never upscaled, oriented, the first frame of
/// an animation, as WebP (it keeps transparency, and every browser shows it).
/// </summary>
internal static class ImageProbe
{
    public const int ThumbnailBox = 400;
    public const string ThumbnailContentType = "image/webp";

    /// <summary>Past this many pixels a file is not decoded (a decompression bomb: a few KB that decode to gigabytes).</summary>
    public const long MaxPixels = 50_000_000;

    private const int ThumbnailQuality = 80;

    private static readonly Dictionary<SKEncodedImageFormat, string> s_inline = new()
    {
        [SKEncodedImageFormat.Png] = "image/png",
        [SKEncodedImageFormat.Jpeg] = "image/jpeg",
        [SKEncodedImageFormat.Gif] = "image/gif",
        [SKEncodedImageFormat.Webp] = "image/webp",
    };

    /// <summary>The image, or null when the bytes are not one of the inline types (or too large to decode).</summary>
    public static ProbedImage? Probe(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || !s_inline.TryGetValue(codec.EncodedFormat, out var contentType))
        {
            return null;
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
        {
            return null;
        }
        var origin = codec.EncodedOrigin;
        var thumbnail = Thumbnail(codec, origin);
        if (thumbnail is null)
        {
            return null;
        }
        return Swaps(origin) ? new(contentType, height, width, thumbnail) : new(contentType, width, height, thumbnail);
    }

    private static byte[]? Thumbnail(SKCodec codec, SKEncodedOrigin origin)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        // The box is square, so the scale is the same before and after a quarter turn.
        var scale = Math.Min(1f, Math.Min((float)ThumbnailBox / width, (float)ThumbnailBox / height));
        var (thumbWidth, thumbHeight) = (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
        // JPEG decodes at 1/2, 1/4, 1/8 of its size for much less memory and time; never smaller than the thumbnail.
        var decodeSize = codec.GetScaledDimensions(scale);
        if (decodeSize.Width < thumbWidth || decodeSize.Height < thumbHeight)
        {
            decodeSize = codec.Info.Size;
        }
        using var decoded = SKBitmap.Decode(codec, new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (decoded is null)
        {
            return null;
        }
        using var resized = decoded.Width == thumbWidth && decoded.Height == thumbHeight
            ? decoded.Copy()
            : decoded.Resize(new SKImageInfo(thumbWidth, thumbHeight, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null)
        {
            return null;
        }
        using var oriented = Orient(resized, origin);
        using var encoded = oriented.Encode(SKEncodedImageFormat.Webp, ThumbnailQuality);
        return encoded?.ToArray();
    }

    /// <summary>The orientations whose display turns the image a quarter: its width is the stored height.</summary>
    private static bool Swaps(SKEncodedOrigin origin) => origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
        or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The bitmap as EXIF says it is shown: the transform maps stored pixel (x, y) to its displayed place.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        SKMatrix? transform = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (transform is not { } matrix)
        {
            return source.Copy();
        }
        var oriented = Swaps(origin)
            ? new SKBitmap(source.Height, source.Width, source.ColorType, source.AlphaType)
            : new SKBitmap(source.Width, source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(oriented);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(matrix);
        // Quarter turns and flips map pixels onto pixels: nothing to filter.
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return oriented;
    }
}
