namespace Squadra.Frontend;

/// <summary>
/// The browser-security headers of the app's own host, the same as the gateway's (deploy/nginx/nginx.conf.template):
/// a frontend reached directly (its own port) is held to the same policy.
/// </summary>
internal static class SecurityHeaders
{
    // The Blazor WebAssembly app runs from 'self' with 'wasm-unsafe-eval' and no inline script; nothing may frame it.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
}
