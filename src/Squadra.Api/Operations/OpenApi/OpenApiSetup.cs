namespace Squadra.Api.Operations.OpenApi;

/// <summary>
/// The OpenAPI document a client generator can use (issue 24): the bearer scheme on every operation that needs
/// it, each operation's problem answers, the Idempotency-Key header, tags with descriptions, strings typed as strings.
/// </summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddSquadraOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentDescription>();
            options.AddOperationTransformer<BearerRequirement>();
            options.AddOperationTransformer<ProblemResponses>();
            options.AddOperationTransformer<RouteParameters>();
            options.AddSchemaTransformer<StringSchemas>();
        });
}
