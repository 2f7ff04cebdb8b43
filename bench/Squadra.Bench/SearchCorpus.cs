using System.Globalization;
using System.Text;

namespace Squadra.Bench;

/// <summary>
/// The search benchmark's messages (issue 20 item 3): <see cref="TeamPrefix"/>0 … teams with the same number of
/// messages each, written by <see cref="Authors"/> users made in SQL (they cannot log in: their password hash is no
/// hash). Bodies are 4-18 words of <see cref="Words"/>, drawn so that the first words are the most frequent (the word of
/// rank r turns up about as often as in natural text: a few words in most messages, most words rarely). Written straight
/// into the database in batches: a million messages through the API would take an hour of setup. Kept between runs in
/// the stack, so a second run at the same size starts at once.
/// </summary>
internal static class SearchCorpus
{
    public const string TeamPrefix = "search-bench-";
    public const string AuthorPrefix = "search-author-";
    public const int Authors = 10;

    // Each batch adds this many messages to every team: 100,000 rows per statement at 1,000 teams.
    private const int BatchPerTeam = 100;

    /// <summary>2,000 made-up words (two or three syllables), rank 0 the most frequent.</summary>
    public static readonly IReadOnlyList<string> Words = MakeWords(2000);

    private static string[] MakeWords(int count)
    {
        string[] syllables = ["ba", "ke", "lo", "mi", "nu", "ra", "si", "to", "vu", "ze", "da", "fe", "go", "hi", "ju", "pa", "re", "so", "ti", "wo"];
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            var n = syllables.Length;
            words[i] = i < n * n
                ? syllables[i % n] + syllables[i / n % n]
                : syllables[i % n] + syllables[i / n % n] + syllables[i / (n * n) % n] + "n";
        }
        return words;
    }

    /// <summary>Messages in the corpus teams now.</summary>
    public static async Task<long> CountAsync(StackInfo stack, CancellationToken ct) =>
        long.Parse((await stack.RunOnPrimaryAsync(
            $"SELECT coalesce(sum(message_seq), 0) FROM teams WHERE name LIKE '{TeamPrefix}%'", TimeSpan.FromSeconds(60), ct)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Makes the corpus <paramref name="teams"/> teams of <paramref name="messages"/>/teams messages each.</summary>
    public static async Task EnsureAsync(StackInfo stack, int teams, long messages, CancellationToken ct)
    {
        var perTeam = messages / teams;
        await stack.RunOnPrimaryAsync($"""
            INSERT INTO users (id, username, display_name, password_hash)
            SELECT gen_random_uuid(), '{AuthorPrefix}' || a, 'Search author ' || a, '!' FROM generate_series(0, {Authors - 1}) a
            ON CONFLICT DO NOTHING;
            INSERT INTO teams (id, name, created_by)
            SELECT gen_random_uuid(), '{TeamPrefix}' || n, (SELECT id FROM users WHERE username = '{AuthorPrefix}0')
            FROM generate_series(0, {teams - 1}) n
            WHERE NOT EXISTS (SELECT 1 FROM teams t WHERE t.name = '{TeamPrefix}' || n);
            INSERT INTO team_members (team_id, user_id, role)
            SELECT t.id, u.id, 'member' FROM teams t, users u
            WHERE t.name LIKE '{TeamPrefix}%' AND u.username LIKE '{AuthorPrefix}%'
            ON CONFLICT DO NOTHING;
            """, TimeSpan.FromMinutes(2), ct);

        // A smaller size than the corpus has: the newest messages of each team go (a run measures sizes in growing order),
        // and the table and its indexes are rewritten, or the smaller corpus would be searched through the larger one's
        // empty pages (measured at 100,000 messages: p95 68 ms in the shrunk table, 14 ms once rewritten).
        if (await CountAsync(stack, ct) > perTeam * teams)
        {
            await stack.RunOnPrimaryAsync($"""
                BEGIN;
                DELETE FROM messages m USING teams t WHERE t.id = m.team_id AND t.name LIKE '{TeamPrefix}%' AND m.seq > {perTeam};
                UPDATE teams SET message_seq = {perTeam}, change_seq = {perTeam} WHERE name LIKE '{TeamPrefix}%' AND message_seq > {perTeam};
                COMMIT;
                VACUUM FULL messages;
                """, TimeSpan.FromMinutes(9), ct);
        }

        var words = string.Join(',', Words.Select(w => $"'{w}'"));
        while (await CountAsync(stack, ct) < perTeam * teams)
        {
            var started = DateTime.UtcNow;
            // One transaction per batch: the teams' counters move with their messages. The body's subquery refers to
            // the row (g), so PostgreSQL draws new words for every message instead of once for all; string_agg reads
            // the inner column, so it aggregates each message's words, not the outer rows.
            await stack.RunOnPrimaryAsync($"""
                BEGIN;
                WITH w AS (SELECT ARRAY[{words}]::text[] AS words),
                     a AS (SELECT array_agg(id ORDER BY username) AS ids FROM users WHERE username LIKE '{AuthorPrefix}%')
                INSERT INTO messages (id, team_id, seq, change_seq, author_id, body, created_at)
                SELECT gen_random_uuid(), t.id, t.message_seq + g, t.change_seq + g, a.ids[1 + (g + t.message_seq) % {Authors}],
                       (SELECT string_agg(x.word, ' ') FROM (
                            SELECT w.words[1 + floor(power(random(), 2) * {Words.Count})::int] AS word
                            FROM generate_series(1, 4 + (g * 7 + t.message_seq) % 15)) x),
                       now() - make_interval(mins => ({perTeam} - t.message_seq - g)::int)
                FROM teams t CROSS JOIN generate_series(1, {BatchPerTeam}) g, w, a
                WHERE t.name LIKE '{TeamPrefix}%' AND t.message_seq + g <= {perTeam};
                UPDATE teams SET message_seq = least(message_seq + {BatchPerTeam}, {perTeam}), change_seq = least(change_seq + {BatchPerTeam}, {perTeam})
                WHERE name LIKE '{TeamPrefix}%' AND message_seq < {perTeam};
                COMMIT;
                """, TimeSpan.FromMinutes(9), ct);
            var count = await CountAsync(stack, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  corpus: {count:N0} messages ({(DateTime.UtcNow - started).TotalSeconds:F0} s for the batch)"));
        }
        // What autovacuum would have done by the time people search: fresh statistics and visibility.
        await stack.RunOnPrimaryAsync("VACUUM ANALYZE messages; VACUUM ANALYZE team_members;", TimeSpan.FromMinutes(9), ct);
    }

    /// <summary>SQL that makes <paramref name="userId"/> a member of every corpus team whose number is <paramref name="remainder"/> modulo <paramref name="modulus"/>.</summary>
    public static string JoinSql(string userId, int modulus, int remainder)
    {
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO team_members (team_id, user_id, role) SELECT t.id, '{Guid.Parse(userId)}', 'member' FROM teams t ");
        sql.Append(CultureInfo.InvariantCulture, $"WHERE t.name LIKE '{TeamPrefix}%' AND substring(t.name from {TeamPrefix.Length + 1})::int % {modulus} = {remainder} ON CONFLICT DO NOTHING;\n");
        return sql.ToString();
    }
}
