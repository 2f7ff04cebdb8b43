using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Squadra.Api.Operations.OpenApi;

/// <summary>
/// Strings stay strings in the document. Every string is read through <see cref="Json.NfcStringConverter"/>, and
/// the schema generator describes a type with a custom converter as "anything" ({}), so a generated client
/// took every name and body for an untyped value. A string property that may be null says so, as it did.
/// </summary>
internal sealed class StringSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = context.JsonPropertyInfo is { IsGetNullable: true } or { IsSetNullable: true }
                ? JsonSchemaType.String | JsonSchemaType.Null
                : JsonSchemaType.String;
        }
        return Task.CompletedTask;
    }
}
