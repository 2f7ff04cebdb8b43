using Squadra.Contracts.Chat;
using Squadra.Web.Features.DirectMessages;
using Squadra.Web.Features.Teams;

namespace Squadra.Web.Features.Chat;

/// <summary>The app's address of a message: its chat, team or DM, opened at it (relative to the base href).</summary>
public static class MessageLinks
{
    public static string Of(MessageDto message) =>
        message.DmId is { } dmId ? DmLinks.Message(dmId, message.Seq) : TeamLinks.Message(message.TeamId ?? "", message.Seq);
}
