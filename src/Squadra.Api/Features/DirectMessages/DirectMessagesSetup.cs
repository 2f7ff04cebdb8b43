namespace Squadra.Api.Features.DirectMessages;

internal static class DirectMessagesSetup
{
    /// <summary>DMs; their chat, its fan-out included, is chat's, and their membership groups are the Teams feature's.</summary>
    public static IHostApplicationBuilder AddDirectMessages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DmStore>();
        return builder;
    }
}
