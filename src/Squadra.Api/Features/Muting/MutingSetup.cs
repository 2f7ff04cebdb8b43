using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Muting;

internal static class MutingSetup
{
    /// <summary>Muted chats, kept on the server so every device of a user agrees.</summary>
    public static IHostApplicationBuilder AddMuting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MutingStore>();
        builder.Services.AddFanoutEvent<ChatMuteChanged>("mu");
        builder.Services.AddFanout<MutingFanout>();
        return builder;
    }
}
