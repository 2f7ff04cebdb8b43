using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Squadra.Api.Errors;

/// <summary>
/// Malformed JSON, wrong types, a missing body and a body over the size limit surface as
/// <see cref="BadHttpRequestException"/>; they are the client's mistake (400/413), never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
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
                Detail = tooLarge
                    ? "The request body exceeds the 64 KiB limit."
                    : (badRequest.InnerException?.Message is { } inner ? $"{badRequest.Message} {inner}" : badRequest.Message),
            },
        });
    }
}
