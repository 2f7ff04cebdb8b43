using System.Globalization;

namespace Squadra.Bench;

/// <summary>Command line: <c>&lt;command&gt; [--option value]...</c>; see <see cref="Usage"/>.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Squadra.Bench: load tool and ceilings for Squadra (issue 8). Every run is bounded in time.

          dotnet run -c Release --project bench/Squadra.Bench -- <command> [options]

        Commands
          smoke      seconds-long run of every scenario at tiny N; exits 1 on any failure (CI)
          fanout     (a) N members connected x send rates: delivered/s, send->receive p50/p95/p99, CPU, RSS, KB/connection
          rest       (b) login, list teams, history page, post message at fixed concurrency: req/s, p50/p99
          growth     (c) cost per message against members per team and against connected clients
          ceilings   bare SignalR hub ramp (no database) vs Squadra on both replicas vs one; pgbench -S
          all        fanout, rest, growth, ceilings in one run, one report
          search     GET /api/search over a corpus of --corpus messages in --corpus-teams teams (written in SQL: needs
                     --state), by members of 10, 100 and every team, while the fan-out workload runs (first of --members,
                     default 2000; first of --rates, default 200/s): p50/p95/p99 by query kind, for each corpus size
          upload     image uploads through the gateway (--web), one after another, --runs of each (default 20): a
                     JPEG photo of about 1, 5 and 9 MiB and a 5 MiB PNG; upload p50/p95 and the thumbnail's GET
          channel    the announcement channel's cost per replica (issue 23): max(--members, largest --teams) connections
                     spread over each of --teams (default 10,100,1000) teams, each team's connections on one replica,
                     first of --rates posts/s: per replica, announcements decoded/s and CPU; --label names the channel
                     (postgres or nats: what the stack runs, SQUADRA_REALTIME_CHANNEL)
                     (--ramp: then each rate of it on --ramp-members connections in the first of --teams, to saturation)
          broker     the channels' own ceilings: the primary's NOTIFY with the announcer's statement (pgbench, batches of
                     1 and 20), and with --nats a NATS cluster's core publish to one subscriber; publishers = replicas,
                     then --concurrency
          firstload  the browser app's first load through the gateway in Chromium at simulated 4G: bytes, time to interactive
          barehub    (internal) the bare hub server: --port P [--max-seconds S]

        Options
          --api URL1,URL2,...    the replicas, directly, 1-9 (default http://127.0.0.1:5000,http://127.0.0.1:5001)
          --state DIR            the stack's state dir: replica pids (supervisorctl), pgbench, user cache
          --out FILE             report to update (default <repo>/docs/benchmarks.md; "-" = none)
          --duration S           seconds of sending per point (default 10; smoke 2)
          --members LIST         fanout: connections, e.g. 500,2000,5000
          --rates LIST           fanout: messages/s (default 50,200,500)
          --group N              fanout: connections per team (default 100)
          --concurrency N        rest and pgbench: concurrent clients (default 16)
          --ops LIST             rest: which of login,teams,history,post,pgbench (default all)
          --ramp LIST            ceilings, channel: messages/s steps (default 200,500,1000,2000,3000)
          --ramp-members N       ceilings, channel: connections for the ramps (default 2000)
          --bare-port P          ceilings: port of the bare hub child (default 17690)
          --label NAME           fanout: the series name of its points (e.g. before, after); search: the report block's name
          --workload team|mixed  fanout: team messages only (default), or of every ten writes five team messages,
                                 two replies in a thread, two DM messages and a reaction (issue 18)
          --signals              fanout (either workload): on top of the writes, every connection sends Typing for its
                                 team once every 10 s (members/10 a second) and 5 extra members per team toggle presence
                                 (connect, hold, disconnect): members/60 connects a second and as many disconnects;
                                 series name "... + signals" unless --label (issue 19)
          --points FILE          fanout: also append each point to FILE (JSON lines), for chart
          --corpus LIST          search: corpus sizes in messages, grown in order (default 100000,1000000)
          --corpus-teams N       search: teams the corpus spreads over (default 1000)
          --search-rate N        search: searches a second, started on time whatever the answers (default 10)
          --teams LIST           channel: team counts for the same connections (default 10,100,1000)
          --nats URL1,URL2,...   broker: the NATS nodes (e.g. nats://127.0.0.1:4250,nats://127.0.0.1:4251,nats://127.0.0.1:4252)
          --web URL              firstload, upload: the gateway (default http://127.0.0.1:8080)
          --runs N               firstload: fresh-cache loads per page (default 5; smoke 1); upload: uploads of each file (default 20)
          chart --points FILE [--out PNG]   p50/p99 against posts/s, one line per label (before/after)
        """;

    public required string Command { get; init; }
    public IReadOnlyList<Uri> Api { get; private set; } = [new("http://127.0.0.1:5000"), new("http://127.0.0.1:5001")];
    public string? State { get; private set; }
    public string? Out { get; private set; }
    public bool OutDisabled { get; private set; }
    public int Duration { get; private set; }
    public IReadOnlyList<int> Members { get; private set; } = [500, 2000, 5000];
    public IReadOnlyList<int> Rates { get; private set; } = [50, 200, 500];
    public int Group { get; private set; } = 100;
    public int Concurrency { get; private set; } = 16;
    public IReadOnlyList<int> Ramp { get; private set; } = [200, 500, 1000, 2000, 3000];
    public bool RampGiven { get; private set; }
    public IReadOnlyList<Uri> Nats { get; private set; } = [];
    public int RampMembers { get; private set; } = 2000;
    public int BarePort { get; private set; } = 17690;
    public IReadOnlyList<string> Ops { get; private set; } = ["login", "teams", "history", "post", "pgbench"];
    public int Port { get; private set; }
    public int MaxSeconds { get; private set; } = 3600;
    public string? Label { get; private set; }
    public bool Mixed { get; private set; }
    public bool Signals { get; private set; }
    public string? Points { get; private set; }
    public Uri Web { get; private set; } = new("http://127.0.0.1:8080");
    public int Runs { get; private set; }
    public IReadOnlyList<int> Corpus { get; private set; } = [100_000, 1_000_000];
    public int CorpusTeams { get; private set; } = 1000;
    public IReadOnlyList<int> Teams { get; private set; } = [10, 100, 1000];
    public int SearchRate { get; private set; } = 10;

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            throw new UsageException(null);
        }
        var options = new BenchOptions { Command = args[0] };
        options.Duration = options.Command == "smoke" ? 2 : 10;
        options.Runs = options.Command switch { "smoke" => 1, "upload" => 20, _ => 5 };
        if (options.Command == "search")
        {
            // The standard workload searches run beside: 2,000 members at 200 posts/s, for longer windows.
            (options.Members, options.Rates, options.Duration) = ([2000], [200], 30);
        }
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--signals")
            {
                options.Signals = true; // the one option without a value
                continue;
            }
            if (i + 1 >= args.Length)
            {
                throw new UsageException($"{name} needs a value");
            }
            var value = args[++i];
            switch (name)
            {
                case "--api":
                    options.Api = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u.TrimEnd('/')))];
                    break;
                case "--state":
                    options.State = Path.GetFullPath(value);
                    break;
                case "--out":
                    options.OutDisabled = value == "-";
                    options.Out = value == "-" ? null : Path.GetFullPath(value);
                    break;
                case "--duration":
                    options.Duration = Int(name, value);
                    break;
                case "--members":
                    options.Members = Ints(name, value);
                    break;
                case "--rates":
                    options.Rates = Ints(name, value);
                    break;
                case "--group":
                    options.Group = Int(name, value);
                    break;
                case "--concurrency":
                    options.Concurrency = Int(name, value);
                    break;
                case "--ramp":
                    options.Ramp = Ints(name, value);
                    options.RampGiven = true;
                    break;
                case "--ramp-members":
                    options.RampMembers = Int(name, value);
                    break;
                case "--bare-port":
                    options.BarePort = Int(name, value);
                    break;
                case "--ops":
                    options.Ops = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    break;
                case "--port":
                    options.Port = Int(name, value);
                    break;
                case "--max-seconds":
                    options.MaxSeconds = Int(name, value);
                    break;
                case "--label":
                    options.Label = value;
                    break;
                case "--workload":
                    options.Mixed = value switch
                    {
                        "team" => false,
                        "mixed" => true,
                        _ => throw new UsageException("--workload is team or mixed"),
                    };
                    break;
                case "--points":
                    options.Points = Path.GetFullPath(value);
                    break;
                case "--nats":
                    options.Nats = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u))];
                    break;
                case "--web":
                    options.Web = new Uri(value.TrimEnd('/'));
                    break;
                case "--runs":
                    options.Runs = Int(name, value);
                    break;
                case "--corpus":
                    options.Corpus = Ints(name, value);
                    break;
                case "--teams":
                    options.Teams = Ints(name, value);
                    break;
                case "--corpus-teams":
                    options.CorpusTeams = Int(name, value);
                    break;
                case "--search-rate":
                    options.SearchRate = Int(name, value);
                    break;
                default:
                    throw new UsageException($"unknown option {name}");
            }
        }
        if (options.Api.Count is 0 or > 9)
        {
            throw new UsageException("--api takes one to nine replica URLs");
        }
        if (options.Group % Population.DefaultUsersPerTeam != 0)
        {
            throw new UsageException($"--group must be a multiple of {Population.DefaultUsersPerTeam} (users per team)");
        }
        return options;
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{name}: '{value}' is not a positive integer");

    private static int[] Ints(string name, string value) => [.. value.Split(',').Select(v => Int(name, v.Trim()))];
}

internal sealed class UsageException(string? message) : Exception(message ?? "usage");
