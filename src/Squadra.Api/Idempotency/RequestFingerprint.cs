using System.Security.Cryptography;
using System.Text;

namespace Squadra.Api.Idempotency;

/// <summary>
/// What an Idempotency-Key is bound to: SHA-256 of the method, the path and the body. The body is read again after
/// the endpoint's parameters were bound from it, so <see cref="UseRequestFingerprints"/> buffers it first.
/// </summary>
internal static class RequestFingerprint
{
    private const string ItemKey = "squadra.idempotency.fingerprint";

    /// <summary>Keeps the body of a POST that carries an Idempotency-Key readable twice.</summary>
    public static IApplicationBuilder UseRequestFingerprints(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(IdempotentRequest.HeaderName))
            {
                context.Request.EnableBuffering();
            }
            return next(context);
        });

    /// <summary>Computes the request's fingerprint once; later calls (the handler's record) get the same bytes.</summary>
    public static async Task<byte[]> OfAsync(HttpContext context)
    {
        if (context.Items[ItemKey] is byte[] known)
        {
            return known;
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{context.Request.Method}\n{context.Request.Path}\n"));
        if (context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
            context.Request.Body.Position = 0;
        }
        var fingerprint = hash.GetHashAndReset();
        context.Items[ItemKey] = fingerprint;
        return fingerprint;
    }

    /// <summary>The fingerprint <see cref="OfAsync"/> computed for this request, if any.</summary>
    public static byte[]? Known(HttpContext context) => context.Items[ItemKey] as byte[];
}
