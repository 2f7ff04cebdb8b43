using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Squadra.Api.Errors;

/// <summary>
/// Malformed JSON, wrong types, a missing body and a body over the size limit surface as
/// <see cref="BadHttpRequestException"/>; they are the client's mistake (400/413), never a 500.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var tooLarge = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = tooLarge ? "Request body too large" : "Malformed request",
                Detail = tooLarge ? "The request body exceeds the 64 KiB limit." : Explain(badRequest),
            },
        });
    }

    // The framework's messages name .NET types ("Failed to read parameter \"RegisterRequest request\" ... System.String"):
    // a client is told where its request is wrong, in the contract's words, and nothing of the server's insides.
    private static string Explain(BadHttpRequestException badRequest)
    {
        if (badRequest.InnerException is System.Text.Json.JsonException json)
        {
            return json.Path is { Length: > 1 } path
                ? $"The request body is not the JSON this endpoint takes: the value at {path} is malformed or of the wrong type."
                : "The request body is not valid JSON.";
        }
        return BindFailure().Match(badRequest.Message) is { Success: true } bind
            ? $"The value \"{bind.Groups["value"].Value}\" is not valid for '{bind.Groups["name"].Value}'."
            : "The request could not be read: check its body, its content type and its parameters.";
    }

    [System.Text.RegularExpressions.GeneratedRegex("""Failed to bind parameter "(?:[^"]* )?(?<name>[^" ]+)" from "(?<value>[^"]*)"\.""")]
    private static partial System.Text.RegularExpressions.Regex BindFailure();
}
