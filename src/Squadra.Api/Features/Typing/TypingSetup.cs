using Squadra.Api.Realtime;
using Squadra.Contracts.Typing;

namespace Squadra.Api.Features.Typing;

internal static class TypingSetup
{
    /// <summary>"Ana is typing…": a signal from the hub, passed between replicas on the fan-out channel, never stored.</summary>
    public static IHostApplicationBuilder AddTyping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IClientSignalHandler<TypingRequest>, TypingRelay>();
        builder.Services.AddFanoutEvent<TypingStarted>("ty");
        builder.Services.AddFanout<TypingFanout>();
        return builder;
    }
}
