namespace Squadra.Api.Errors;

/// <summary>The contract promises a <c>detail</c> on every problem; these fill it where the framework leaves it empty.</summary>
internal static class DefaultDetails
{
    public static string For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid; see 'errors' for each field.",
        StatusCodes.Status401Unauthorized => "A valid access token is required: it is missing, expired, revoked or malformed.",
        StatusCodes.Status403Forbidden => "You are not allowed to do this.",
        StatusCodes.Status404NotFound => "There is nothing here, or you may not see it.",
        StatusCodes.Status405MethodNotAllowed => "This method is not allowed on this path.",
        StatusCodes.Status409Conflict => "The request conflicts with the current state.",
        StatusCodes.Status413PayloadTooLarge => "The request body exceeds the 64 KiB limit.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        StatusCodes.Status429TooManyRequests => "Too many requests; wait and try again.",
        StatusCodes.Status503ServiceUnavailable => "The service is not available right now; retry shortly.",
        _ => "The request could not be completed.",
    };
}
