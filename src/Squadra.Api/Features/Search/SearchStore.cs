using Dapper;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Contracts.Search;

namespace Squadra.Api.Features.Search;

/// <summary>What a search may be narrowed to: one team or one DM of the caller's; null for all of them.</summary>
internal sealed record SearchQuery(SearchTerms Terms, Conversation? Within, DateTimeOffset? Before, int Limit);

/// <summary>
/// Full-text search over the messages of the caller's current teams and DMs (0016_message_search.sql): membership is
/// part of the query, so a member who left finds nothing of that team any more, and a deleted message never matches.
/// </summary>
internal sealed class SearchStore(Db db, ChatStore chat)
{
    private sealed record Found(Guid Id, string? TeamName, string Headline);

    public async Task<Outcome<IReadOnlyList<SearchResultDto>>> SearchAsync(Guid callerId, SearchQuery query, CancellationToken ct)
    {
        var hasText = query.Terms.Text.Length > 0;
        var found = await db.RunAsync(async (connection, token) =>
        {
            if (query.Within is { } within && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = @id AND m.user_id = @callerId AND {within.MemberRole("m")})",
                new { id = within.Id, callerId }, cancellationToken: token)))
            {
                return null;
            }
            // Without words (only from:), newest first and the body as it is; with words, best match first.
            return (await connection.QueryAsync<Found>(new CommandDefinition(
                $"""
                SELECT m.id, CASE WHEN t.dm_key IS NULL THEN t.name END AS TeamName,
                       {(hasText ? "ts_headline('simple', m.body, q, @options)" : "m.body")} AS Headline
                FROM messages m
                JOIN team_members mine ON mine.team_id = m.team_id AND mine.user_id = @callerId
                JOIN teams t ON t.id = m.team_id
                {(query.Terms.From is null ? "" : "JOIN users a ON a.id = m.author_id AND lower(a.username) = lower(@from)")}
                {(hasText ? ", websearch_to_tsquery('simple', @text) q" : "")}
                WHERE NOT m.deleted
                  {(hasText ? "AND m.search @@ q" : "")}
                  {(query.Within is null ? "" : "AND m.team_id = @withinId")}
                  {(query.Before is null ? "" : "AND m.created_at < @before")}
                ORDER BY {(hasText ? "ts_rank(m.search, q) DESC, " : "")}m.created_at DESC, m.id DESC
                LIMIT @limit
                """,
                new
                {
                    callerId, text = query.Terms.Text, from = query.Terms.From, withinId = query.Within?.Id,
                    before = query.Before, limit = query.Limit, options = SearchHighlight.HeadlineOptions,
                }, cancellationToken: token))).AsList();
        }, ct);
        if (found is null)
        {
            return new Refusal.NotFound(query.Within!.Value.Noun);
        }
        var messages = (await chat.FindAsync([.. found.Select(f => f.Id)], ct)).ToDictionary(m => m.Id);
        // A message deleted between the two reads is left out.
        return found.Where(f => messages.ContainsKey(f.Id.ToString()) && !messages[f.Id.ToString()].Deleted)
            .Select(f => new SearchResultDto(messages[f.Id.ToString()], f.TeamName, SearchHighlight.ToHtml(f.Headline)))
            .ToList();
    }
}
