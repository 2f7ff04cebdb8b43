namespace Squadra.Api.Idempotency;

/// <summary>Marks the endpoints whose POSTs honour Idempotency-Key: the OpenAPI document lists the header and the 422 for them.</summary>
internal sealed class IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Instance = new();

    private IdempotentEndpoint()
    {
    }
}

internal static class IdempotentEndpointExtensions
{
    /// <summary>POSTs of this group are answered once per Idempotency-Key (<see cref="IdempotencyFilter"/>).</summary>
    public static RouteGroupBuilder WithIdempotencyKeys(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<IdempotencyFilter>().WithMetadata(IdempotentEndpoint.Instance);
}
