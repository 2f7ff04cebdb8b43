using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Squadra.Api.Operations.OpenApi;

/// <summary>
/// Declares the path parameters a handler reads through a bound type rather than one argument each (chat's
/// <c>Conversation</c>, from <c>{teamId}</c> or <c>{dmId}</c>): the generator lists only the bound arguments, and a
/// path whose parameter no operation declares is no valid OpenAPI.
/// </summary>
internal sealed partial class RouteParameters : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var template = context.Description.ActionDescriptor.AttributeRouteInfo?.Template ?? context.Description.RelativePath ?? "";
        foreach (Match parameter in Parameter().Matches(template))
        {
            var name = parameter.Groups["name"].Value;
            if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path && p.Name == name) == true)
            {
                continue;
            }
            operation.Parameters ??= [];
            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = parameter.Groups["guid"].Success ? "uuid" : null },
            });
        }
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"\{(?<name>\w+)(?<guid>:guid)?[^}]*\}")]
    private static partial Regex Parameter();
}
