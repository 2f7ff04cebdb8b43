using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Infrastructure;

public static class ChatClient
{
    public static Task<MessageDto> PostAsync(this TestUser user, TeamDto team, string body) =>
        user.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest(body));

    public static Task<MessageDto> ReplyAsync(this TestUser user, TeamDto team, MessageDto root, string body) =>
        user.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest(body, root.Id));

    public static Task<List<MessageDto>> ThreadAsync(this TestUser user, TeamDto team, string messageId) =>
        user.SendOkAsync<List<MessageDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/messages/{messageId}/thread");

    public static Task<MessageDto> ReactAsync(this TestUser user, TeamDto team, MessageDto message, string emoji) =>
        user.SendOkAsync<MessageDto>(HttpMethod.Put, $"/api/teams/{team.Id}/messages/{message.Id}/reactions/{Uri.EscapeDataString(emoji)}");

    public static Task<List<MessageDto>> HistoryAsync(this TestUser user, TeamDto team, string query = "") =>
        user.SendOkAsync<List<MessageDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/messages{query}");
}
