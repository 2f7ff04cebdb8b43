using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Squadra.Api.Operations.OpenApi;

/// <summary>Operations that need a signed-in caller require the bearer scheme; the others say they need nothing.</summary>
internal sealed class BearerRequirement : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security = RequiresSignIn(context)
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentDescription.BearerScheme, context.Document)] = [] }]
            : [];
        return Task.CompletedTask;
    }

    public static bool RequiresSignIn(OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        return metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
    }
}
