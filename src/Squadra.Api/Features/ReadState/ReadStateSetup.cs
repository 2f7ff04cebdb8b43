using Squadra.Api.Realtime;

namespace Squadra.Api.Features.ReadState;

internal static class ReadStateSetup
{
    /// <summary>Read state of team chats and DMs, kept on the server so every device of a user agrees.</summary>
    public static IHostApplicationBuilder AddReadState(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReadStateStore>();
        builder.Services.AddFanoutEvent<ReadStateChanged>("r");
        builder.Services.AddFanout<ReadStateFanout>();
        return builder;
    }
}
