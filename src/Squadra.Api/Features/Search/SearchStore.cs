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

    /// <summary>
    /// The caller's conversations (or the one searched within), and the languages their messages are in. Properties, not
    /// a positional record: Dapper matched no constructor to the two array columns (every search failed), and it fills
    /// properties from the values as read.
    /// </summary>
    private sealed class Scope
    {
        public Guid[] Conversations { get; set; } = [];

        public string[] Languages { get; set; } = [];
    }

    /// <summary>
    /// How many of the newest matches are ranked. A word in a fifth of all messages would otherwise rank a fifth of the
    /// caller's history on every search; the best of the newest few hundred is what a person looks for, and
    /// <c>before</c> reaches further back.
    /// </summary>
    public const int RankedWindow = 300;

    public async Task<Outcome<IReadOnlyList<SearchResultDto>>> SearchAsync(Guid callerId, SearchQuery query, CancellationToken ct)
    {
        var hasText = query.Terms.Text.Length > 0;
        // Custom plans only (in this transaction): the best plan depends on the values, how many conversations the caller
        // has and how common the words are (walk the newest messages for a common word, the word's index for a rare one),
        // and the auto-prepared statement would otherwise settle on one generic plan for every caller and word.
        var found = await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            var scope = await connection.QuerySingleAsync<Scope>(new CommandDefinition(
                $"""
                SELECT coalesce(array_agg(m.team_id), ARRAY[]::uuid[]) AS Conversations,
                       coalesce(array_agg(DISTINCT t.search_language::text), ARRAY[]::text[]) AS Languages
                FROM team_members m JOIN teams t ON t.id = m.team_id
                WHERE m.user_id = @callerId {(query.Within is { } within ? $"AND m.team_id = @withinId AND {within.MemberRole("m")}" : "")}
                """,
                new { callerId, withinId = query.Within?.Id }, transaction, cancellationToken: token));
            var (conversations, languages) = (scope.Conversations, scope.Languages);
            if (query.Within is not null && conversations.Length == 0)
            {
                return null;
            }
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL plan_cache_mode = force_custom_plan", transaction: transaction, cancellationToken: token));
            // The caller's conversations go in as an array, so the planner knows how many there are.
            // Without words (only from:), newest first and the body as it is; with words, the best of the newest matches,
            // each message matched, ranked and marked with the words as its own language reads them.
            return (await connection.QueryAsync<Found>(new CommandDefinition(
                $"""
                WITH hits AS (
                    SELECT m.id, m.team_id, m.body, m.search, m.search_language, m.created_at
                    FROM messages m
                    {(query.Terms.From is null ? "" : "JOIN users a ON a.id = m.author_id AND lower(a.username) = lower(@from)")}
                    WHERE m.team_id = ANY(@conversations) AND NOT m.deleted
                      {(hasText ? $"AND ({SearchLanguages.Matches(languages)})" : "")}
                      {(query.Before is null ? "" : "AND m.created_at < @before")}
                    ORDER BY m.created_at DESC, m.id DESC
                    LIMIT {(hasText ? "@window" : "@limit")}
                )
                SELECT h.id, CASE WHEN t.dm_key IS NULL THEN t.name END AS TeamName,
                       {(hasText ? "ts_headline(h.search_language, h.body, q, @options)" : "h.body")} AS Headline
                FROM hits h JOIN teams t ON t.id = h.team_id
                {(hasText ? "CROSS JOIN LATERAL websearch_to_tsquery(h.search_language, @text) q" : "")}
                ORDER BY {(hasText ? "ts_rank(h.search, q) DESC, " : "")}h.created_at DESC, h.id DESC
                LIMIT @limit
                """,
                new
                {
                    conversations, text = query.Terms.Text, from = query.Terms.From, before = query.Before,
                    window = RankedWindow, limit = query.Limit, options = SearchHighlight.HeadlineOptions,
                }, transaction, cancellationToken: token))).AsList();
        }, ct);
        if (found is null)
        {
            return new Refusal.NotFound(query.Within!.Noun);
        }
        var messages = (await chat.FindAsync([.. found.Select(f => f.Id)], ct)).ToDictionary(m => m.Id);
        // A message deleted between the two reads is left out.
        return found.Where(f => messages.ContainsKey(f.Id.ToString()) && !messages[f.Id.ToString()].Deleted)
            .Select(f => new SearchResultDto(messages[f.Id.ToString()], f.TeamName, SearchHighlight.ToHtml(f.Headline)))
            .ToList();
    }
}
