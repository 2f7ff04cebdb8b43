using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Squadra.Client;
using Squadra.Contracts.Accounts;

namespace Squadra.Bench;

/// <summary>One kind of searcher: members of <see cref="Teams"/> corpus teams each.</summary>
internal sealed record SearcherClass(string Name, int Teams, int Users);

/// <summary>The latencies of one kind of query by one kind of searcher, at one corpus size.</summary>
internal sealed record SearchRow(long CorpusMessages, string Searcher, string Query, long Requests, long Errors, double P50, double P95, double P99, double Max);

/// <summary>One corpus size: every query of the window, by searcher and kind, and the fan-out point that ran meanwhile.</summary>
internal sealed record SearchPoint(long CorpusMessages, int CorpusTeams, int Rate, double Seconds, IReadOnlyList<SearchRow> Rows, PointResult? Fanout, ProcWindow Window);

/// <summary>
/// Search under load (issue 20 item 3): <c>GET /api/search</c> by users of three kinds (members of 10, 100 and all
/// corpus teams), with a mix of queries (a rare word, a common word, two words, a phrase, a word and an exclusion, a
/// word from one author), at a steady rate alternating the replicas, while the standard fan-out workload runs for
/// the same window. The searchers are new users each run (registered through the API, so they
/// log in as anyone does); their memberships are written in SQL, like the corpus.
/// </summary>
internal sealed class SearchLoad
{
    public static readonly SearcherClass[] Classes = [new("member of 10 teams", 10, 4), new("member of 100 teams", 100, 2), new("member of every team", 0, 1)];

    private static readonly string[] s_kinds = ["rare word", "common word", "two words", "phrase", "word -word", "from: + word"];

    private readonly List<(SearcherClass Class, string Token)> _searchers = [];

    private SearchLoad()
    {
    }

    /// <summary>Registers the searchers and makes each a member of its corpus teams (member of every team when <see cref="SearcherClass.Teams"/> is 0).</summary>
    public static async Task<SearchLoad> PrepareAsync(BenchContext context, int corpusTeams, CancellationToken ct)
    {
        var load = new SearchLoad();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var tag = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        var sql = new System.Text.StringBuilder();
        var index = 0;
        foreach (var kind in Classes)
        {
            var modulus = kind.Teams == 0 ? 1 : Math.Max(1, corpusTeams / kind.Teams);
            for (var u = 0; u < kind.Users; u++, index++)
            {
                var username = $"s{tag}_{index}";
                var api = context.Client.Api(index, token: null, Population.FakeAddress(50_000 + index, 0));
                await api.RegisterAsync(new RegisterRequest(username, password), ct).ValueOrThrowAsync();
                var login = await api.LoginAsync(new LoginRequest(username, password), ct).ValueOrThrowAsync();
                sql.Append(SearchCorpus.JoinSql(login.User.Id, modulus, u % modulus));
                load._searchers.Add((kind, login.AccessToken));
            }
        }
        await context.Stack.RunOnPrimaryAsync(sql.ToString(), TimeSpan.FromMinutes(2), ct);
        return load;
    }

    /// <summary>A query of a kind: words drawn by rank from <see cref="SearchCorpus.Words"/> (seeded: the same in every run).</summary>
    public static string Query(string kind, Random random)
    {
        var words = SearchCorpus.Words;
        string Word(int from, int to) => words[random.Next(from, to)];
        return kind switch
        {
            "rare word" => Word(1000, 2000),
            "common word" => Word(0, 20),
            "two words" => $"{Word(100, 1000)} {Word(100, 1000)}",
            "phrase" => $"\"{Word(0, 100)} {Word(0, 100)}\"",
            "word -word" => $"{Word(20, 200)} -{Word(0, 20)}",
            _ => $"from:{SearchCorpus.AuthorPrefix}{random.Next(SearchCorpus.Authors)} {Word(20, 500)}",
        };
    }

    /// <summary>
    /// Searches at <paramref name="rate"/> a second for <paramref name="seconds"/> (an open loop: each search starts on
    /// time whether or not the earlier ones have answered, as people's searches do), each query's kind and searcher in
    /// turn, alternating the replicas. Latency is timed from each search's own start.
    /// </summary>
    public async Task<IReadOnlyList<SearchRow>> RunAsync(BenchContext context, long corpusMessages, int rate, int seconds, CancellationToken ct)
    {
        var latencies = new Dictionary<(string, string), LatencyHistogram>();
        var errors = new Dictionary<(string, string), long>();
        foreach (var kind in Classes)
        {
            foreach (var query in s_kinds)
            {
                latencies[(kind.Name, query)] = new LatencyHistogram();
                errors[(kind.Name, query)] = 0;
            }
        }
        var random = new Random(rate);

        async Task SearchAsync(long n, string q)
        {
            var (kind, token) = _searchers[(int)(n % _searchers.Count)];
            var query = s_kinds[(int)(n / _searchers.Count % s_kinds.Length)];
            var path = string.Create(CultureInfo.InvariantCulture, $"/api/search?q={Uri.EscapeDataString(q)}&limit=20");
            var started = Stopwatch.GetTimestamp();
            HttpStatusCode status;
            try
            {
                status = await context.Client.RawAsync((int)(n % 2), HttpMethod.Get, path, token, body: null, idempotencyKey: false, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = 0;
            }
            latencies[(kind.Name, query)].RecordSince(started);
            if (status != HttpStatusCode.OK)
            {
                lock (errors)
                {
                    errors[(kind.Name, query)]++;
                }
            }
        }

        var searches = new List<Task>();
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var due = 1 + (long)(rate * clock.Elapsed.TotalSeconds);
            for (; sent < due; sent++)
            {
                var query = s_kinds[(int)(sent / _searchers.Count % s_kinds.Length)];
                searches.Add(SearchAsync(sent, Query(query, random)));
            }
            await Task.Delay(5, ct);
        }
        await Task.WhenAll(searches);
        var rows = latencies.Select(l => Row(corpusMessages, l.Key.Item1, l.Key.Item2, l.Value, errors[l.Key])).ToList();
        // Each searcher kind over all its queries, then everything: what the target is read against.
        foreach (var kind in Classes)
        {
            rows.Add(Merged(corpusMessages, kind.Name, "all queries", latencies.Where(l => l.Key.Item1 == kind.Name), errors));
        }
        rows.Add(Merged(corpusMessages, "all searchers", "all queries", latencies, errors));
        return rows;
    }

    private static SearchRow Merged(long corpus, string searcher, string query, IEnumerable<KeyValuePair<(string, string), LatencyHistogram>> parts, Dictionary<(string, string), long> errors)
    {
        var merged = new LatencyHistogram();
        var list = parts.ToList();
        foreach (var (_, histogram) in list)
        {
            merged.Add(histogram);
        }
        return Row(corpus, searcher, query, merged, list.Sum(p => errors[p.Key]));
    }

    private static SearchRow Row(long corpus, string searcher, string query, LatencyHistogram h, long errors) =>
        new(corpus, searcher, query, h.Count, errors, h.PercentileMs(50), h.PercentileMs(95), h.PercentileMs(99), h.MaxMs);
}
