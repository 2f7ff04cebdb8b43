using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Squadra.Client;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Bench;

internal sealed record BenchUser(string Id, string Username, string Token, DateTimeOffset ExpiresAt, int Index);

/// <summary>
/// A team of the bench population; <see cref="Users"/>[0] is its owner. <see cref="PresenceUsers"/> are members too,
/// made only for <c>fanout --signals</c> (absent from caches written before it): they hold no connection of the
/// fleet, only the short ones that toggle their presence.
/// </summary>
internal sealed record BenchTeam(string Id, string Name, IReadOnlyList<BenchUser> Users, IReadOnlyList<BenchUser>? PresenceUsers = null)
{
    [JsonIgnore]
    public IReadOnlyList<BenchUser> Togglers => PresenceUsers ?? [];
}

/// <summary>
/// The bench's users and teams, made through the public API with the shared <see cref="ApiClient"/> (register,
/// login, create team, invite, accept: setup, never timed) and reused: registering costs two PBKDF2 hashes per user.
/// Every user belongs to exactly one team, so a connection receives only its team's messages. The cache (usernames,
/// the generated password, tokens) lives in the stack's state dir with mode 600, never in the repository.
/// </summary>
internal sealed class Population
{
    public const int DefaultUsersPerTeam = 10;

    /// <summary>Presence users per team (<see cref="EnsurePresenceUsersAsync"/>).</summary>
    public const int PresenceUsersPerTeam = 5;

    // Presence users' indexes (their names and fake addresses) start here, clear of the teams' users.
    private const int PresenceIndexBase = 100_000;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = false };
    private readonly SquadraClient _client;
    private readonly string? _cacheFile;
    private static readonly SemaphoreSlim s_saveLock = new(1, 1);
    private static readonly SemaphoreSlim s_hashing = new(6, 6);
    private Cache _cache;

    private Population(SquadraClient client, string? cacheFile, Cache cache)
    {
        _client = client;
        _cacheFile = cacheFile;
        _cache = cache;
    }

    public int UsersPerTeam => _cache.UsersPerTeam;

    public string Password => _cache.Password;

    public IReadOnlyList<BenchTeam> Teams => _cache.Teams;

    public IEnumerable<BenchUser> Users => _cache.Teams.SelectMany(t => t.Users);

    /// <summary>A throwaway population (smoke): fresh names, nothing written anywhere.</summary>
    public static Population Fresh(SquadraClient client, int usersPerTeam) => new(client, null, NewCache(usersPerTeam, client));

    /// <summary>The cached population of this stack (state dir), or a new one when the cache is missing or stale.</summary>
    public static async Task<Population> LoadAsync(SquadraClient client, string cacheDir, CancellationToken ct)
    {
        Directory.CreateDirectory(cacheDir);
        File.SetUnixFileMode(cacheDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = Path.Combine(cacheDir, "population.json");
        Cache? cache = null;
        if (File.Exists(file))
        {
            try
            {
                await using var stream = File.OpenRead(file);
                cache = await JsonSerializer.DeserializeAsync<Cache>(stream, s_json, ct);
            }
            catch (JsonException)
            {
                cache = null;
            }
        }
        if (cache is null || cache.UsersPerTeam != DefaultUsersPerTeam || !await StillValidAsync(client, cache, ct))
        {
            Console.WriteLine("  population: none cached for this stack; creating a new one");
            cache = NewCache(DefaultUsersPerTeam, client);
        }
        return new Population(client, file, cache);
    }

    /// <summary>Makes sure there are <paramref name="count"/> complete teams, creating what is missing; tokens near expiry are renewed.</summary>
    public async Task EnsureTeamsAsync(int count, CancellationToken ct)
    {
        await RenewExpiringAsync(ct);
        if (_cache.Teams.Length >= count)
        {
            return;
        }
        var started = DateTime.UtcNow;
        var missing = count - _cache.Teams.Length;
        Console.WriteLine($"  population: creating {missing} team(s) of {UsersPerTeam} users (2 PBKDF2 hashes per user: takes a while once)");
        using var teamsAtOnce = new SemaphoreSlim(4, 4);
        var next = _cache.Teams.Length;
        var tasks = Enumerable.Range(next, missing).Select(async index =>
        {
            await teamsAtOnce.WaitAsync(ct);
            try
            {
                var team = await CreateTeamAsync(index, ct);
                await s_saveLock.WaitAsync(ct);
                try
                {
                    _cache = _cache with { Teams = [.. _cache.Teams.Append(team).OrderBy(t => t.Users[0].Index)] };
                }
                finally
                {
                    s_saveLock.Release();
                }
                await SaveAsync(ct);
            }
            finally
            {
                teamsAtOnce.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
        Console.WriteLine($"  population: {_cache.Teams.Length} teams ready ({(DateTime.UtcNow - started).TotalSeconds:F0} s)");
    }

    /// <summary>
    /// Makes sure the first <paramref name="count"/> teams have <see cref="PresenceUsersPerTeam"/> presence users each
    /// (registered, invited by the owner, accepted), creating what is missing; kept in the cache like the others.
    /// </summary>
    public async Task EnsurePresenceUsersAsync(int count, CancellationToken ct)
    {
        await EnsureTeamsAsync(count, ct);
        var lacking = _cache.Teams.Take(count).Where(t => t.Togglers.Count < PresenceUsersPerTeam).ToList();
        if (lacking.Count == 0)
        {
            return;
        }
        Console.WriteLine($"  population: adding {PresenceUsersPerTeam} presence users to {lacking.Count} team(s)");
        using var teamsAtOnce = new SemaphoreSlim(4, 4);
        await Task.WhenAll(lacking.Select(async team =>
        {
            await teamsAtOnce.WaitAsync(ct);
            try
            {
                var teamIndex = team.Users[0].Index / UsersPerTeam;
                var owner = team.Users[0];
                var added = new List<BenchUser>(team.Togglers);
                for (var k = added.Count; k < PresenceUsersPerTeam; k++)
                {
                    var user = await CreateUserAsync(PresenceIndexBase + (teamIndex * PresenceUsersPerTeam) + k, ct);
                    var invitation = await As(owner, k).InviteAsync(team.Id, new InviteRequest(user.Username), ActionKey.NewKey(), ct).ValueOrThrowAsync();
                    await As(user, k + 1).AcceptInvitationAsync(invitation.Id, ActionKey.NewKey(), ct).ValueOrThrowAsync();
                    added.Add(user);
                }
                await s_saveLock.WaitAsync(ct);
                try
                {
                    _cache = _cache with { Teams = [.. _cache.Teams.Select(t => t.Id == team.Id ? t with { PresenceUsers = added } : t)] };
                }
                finally
                {
                    s_saveLock.Release();
                }
                await SaveAsync(ct);
            }
            finally
            {
                teamsAtOnce.Release();
            }
        }));
    }

    /// <summary>A distinct fake client address per simulated user (198.18.0.0/15 is the benchmarking range; it is only a header).</summary>
    public static string FakeAddress(int index, int salt) => $"198.{18 + (index / 62500 % 2)}.{index / 250 % 250}.{(index % 250) + 1 + (salt % 4)}";

    /// <summary>The shared client as <paramref name="user"/>, from the user's fake address, on replica <paramref name="replica"/> (setup only).</summary>
    public ApiClient As(BenchUser user, int replica) => As(_client, _cache, user, replica);

    private static ApiClient As(SquadraClient client, Cache cache, BenchUser user, int replica) =>
        client.Api(replica, user.Token, FakeAddress(user.Index, cache.Salt));

    private async Task<BenchTeam> CreateTeamAsync(int teamIndex, CancellationToken ct)
    {
        var users = await Task.WhenAll(Enumerable.Range(0, UsersPerTeam).Select(u => CreateUserAsync((teamIndex * UsersPerTeam) + u, ct)));
        var owner = users[0];
        var replica = teamIndex % _client.Replicas.Count;
        var team = await As(owner, replica).CreateTeamAsync(new CreateTeamRequest($"bench {_cache.Tag} {teamIndex}", "bench team"), ActionKey.NewKey(), ct)
            .ValueOrThrowAsync();
        for (var u = 1; u < users.Length; u++)
        {
            var invitation = await As(owner, u).InviteAsync(team.Id, new InviteRequest(users[u].Username), ActionKey.NewKey(), ct).ValueOrThrowAsync();
            await As(users[u], u + 1).AcceptInvitationAsync(invitation.Id, ActionKey.NewKey(), ct).ValueOrThrowAsync();
        }
        return new BenchTeam(team.Id, team.Name, users);
    }

    private async Task<BenchUser> CreateUserAsync(int index, CancellationToken ct)
    {
        var username = $"b{_cache.Tag}_{index}";
        await s_hashing.WaitAsync(ct);
        try
        {
            var address = FakeAddress(index, _cache.Salt);
            await RegisterAsync(index, username, address, ct);
            var login = await LoginAsync(index + 1, username, address, ct);
            return new BenchUser(login.User.Id, username, login.AccessToken, login.ExpiresAt, index);
        }
        finally
        {
            s_hashing.Release();
        }
    }

    /// <summary>
    /// Registers, or finds the user there already (409: an earlier run stopped before its team was complete, and the
    /// cache keeps only complete teams); either way the caller then logs in with the population's password.
    /// </summary>
    private async Task RegisterAsync(int replica, string username, string address, CancellationToken ct)
    {
        var registered = await _client.Api(replica, token: null, address).RegisterAsync(new RegisterRequest(username, _cache.Password), ct);
        if (registered.Problem is { Status: not 409 } problem)
        {
            throw new ApiProblemException(problem);
        }
    }

    /// <summary>
    /// Logs in; a 429 (login limit per address and replica) is waited out, a few times at most. ApiClient waits out a
    /// Retry-After of a few seconds itself (RetryRules); a longer one, up to the limit's window of a minute, comes back
    /// as the problem's RetryAfter and is waited out here.
    /// </summary>
    private async Task<LoginResponse> LoginAsync(int replica, string username, string address, CancellationToken ct)
    {
        var api = _client.Api(replica, token: null, address);
        for (var attempt = 0; ; attempt++)
        {
            var login = await api.LoginAsync(new LoginRequest(username, _cache.Password), ct);
            if (login.Problem is { Status: 429 } refused && attempt < 3)
            {
                var wait = refused.RetryAfter ?? TimeSpan.FromSeconds(5);
                await Task.Delay(wait > TimeSpan.FromSeconds(61) ? TimeSpan.FromSeconds(61) : wait, ct);
                continue;
            }
            return login.IsSuccess ? login.Value : throw new ApiProblemException(login.Problem);
        }
    }

    private async Task RenewExpiringAsync(CancellationToken ct)
    {
        var soon = DateTimeOffset.UtcNow.AddHours(1);
        if (!_cache.Teams.SelectMany(t => t.Users.Concat(t.Togglers)).Any(u => u.ExpiresAt < soon))
        {
            return;
        }
        Console.WriteLine("  population: renewing tokens that expire within the hour");
        var salt = _cache.Salt + 1;
        async Task<BenchUser[]> RenewAsync(IEnumerable<BenchUser> users) => await Task.WhenAll(users.Select(async user =>
        {
            if (user.ExpiresAt >= soon)
            {
                return user;
            }
            await s_hashing.WaitAsync(ct);
            try
            {
                // From a new address (the next salt): the old one's login window may still be full.
                var login = await LoginAsync(user.Index, user.Username, FakeAddress(user.Index, salt), ct);
                return user with { Token = login.AccessToken, ExpiresAt = login.ExpiresAt };
            }
            finally
            {
                s_hashing.Release();
            }
        }));
        var teams = await Task.WhenAll(_cache.Teams.Select(async team => team with
        {
            Users = await RenewAsync(team.Users),
            PresenceUsers = team.PresenceUsers is null ? null : await RenewAsync(team.PresenceUsers),
        }));
        _cache = _cache with { Teams = teams, Salt = salt };
        await SaveAsync(ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        if (_cacheFile is null)
        {
            return;
        }
        await s_saveLock.WaitAsync(ct);
        try
        {
            var temp = _cacheFile + ".tmp";
            await using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                await JsonSerializer.SerializeAsync(stream, _cache, s_json, ct);
            }
            File.Move(temp, _cacheFile, overwrite: true);
        }
        finally
        {
            s_saveLock.Release();
        }
    }

    private static async Task<bool> StillValidAsync(SquadraClient client, Cache cache, CancellationToken ct)
    {
        if (cache.Teams.Length == 0)
        {
            return true;
        }
        // Any problem (the token refused, another stack answering, nobody answering) means a new population.
        var teams = await As(client, cache, cache.Teams[0].Users[0], 0).GetTeamsAsync(ct);
        return teams.IsSuccess && teams.Value.Any(t => t.Id == cache.Teams[0].Id);
    }

    private static Cache NewCache(int usersPerTeam, SquadraClient client) => new(
        string.Join(',', client.Replicas.Select(r => r.ToString())),
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)),
        usersPerTeam,
        RandomNumberGenerator.GetInt32(0, 1000),
        []);

    private sealed record Cache(string Api, string Tag, string Password, int UsersPerTeam, int Salt, BenchTeam[] Teams);
}
