using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Squadra.Api.Idempotency;

namespace Squadra.Api.Operations.OpenApi;

/// <summary>
/// The refusals every operation of a kind can answer, as problem details: 400 and 413 for a body, 401 for a
/// signed-in caller, 404 for a path naming something, 422 for an idempotent POST (a key reused for another
/// request), 429 for the rate limits, 503 while no database primary answers. 403 and 409 depend on the
/// operation: its endpoint declares them (<c>ProducesProblem</c>).
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer
{
    private const string ProblemSchema = "ProblemDetails";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var path = description.RelativePath ?? "";
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var isWrite = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        var idempotent = metadata.OfType<IdempotentEndpoint>().Any() && HttpMethods.IsPost(method);

        var hasBody = operation.RequestBody is not null;

        var statuses = new SortedSet<int> { StatusCodes.Status503ServiceUnavailable };
        if (description.ParameterDescriptions.Count > 0 || hasBody)
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }
        if (hasBody)
        {
            statuses.Add(StatusCodes.Status413PayloadTooLarge);
        }
        if (isWrite)
        {
            statuses.Add(StatusCodes.Status429TooManyRequests);
        }
        if (BearerRequirement.RequiresSignIn(context) || path.EndsWith(".ics", StringComparison.Ordinal) || path == "api/auth/login")
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
        }
        if (path.Contains('{', StringComparison.Ordinal))
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }
        if (idempotent)
        {
            statuses.Add(StatusCodes.Status422UnprocessableEntity);
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any unique string (a UUID): the same request sent again with it is answered as the first time, and never done twice.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        var schema = await ProblemSchemaAsync(context, cancellationToken);
        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = ReasonOf(status),
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
                };
            }
        }
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(ProblemSchema) != true)
        {
            document.AddComponent(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        }
        return new OpenApiSchemaReference(ProblemSchema, document);
    }

    private static string ReasonOf(int status) => status switch
    {
        400 => "The request is malformed or a field is invalid (errors name the fields).",
        401 => "No valid token (missing, expired, revoked), or wrong credentials.",
        404 => "No such thing, or the caller may not know it exists.",
        413 => "The body is larger than the API accepts.",
        422 => "The Idempotency-Key was used before for another request.",
        429 => "Too many requests: wait as Retry-After says.",
        503 => "No database primary answers right now: retry after Retry-After.",
        _ => "A refusal.",
    };
}
