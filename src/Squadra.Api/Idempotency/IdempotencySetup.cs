namespace Squadra.Api.Idempotency;

internal static class IdempotencySetup
{
    /// <summary>The filter behind <see cref="IdempotentEndpointExtensions.WithIdempotencyKeys"/>, shared by every feature's POSTs.</summary>
    public static IHostApplicationBuilder AddSquadraIdempotency(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IdempotencyFilter>();
        return builder;
    }
}
