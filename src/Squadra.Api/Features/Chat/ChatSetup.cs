using Squadra.Api.Features.Teams;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Chat;

internal static class ChatSetup
{
    /// <summary>Team chat and its fan-out. After <see cref="TeamsSetup.AddTeams"/>: a new connection's cursors need its teams.</summary>
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChatStore>();
        builder.Services.AddSingleton<ConversationKinds>();
        builder.Services.AddFanoutEvent<MessageCommitted>("c");
        builder.Services.AddFanout<ChatFanout>();
        return builder;
    }
}
