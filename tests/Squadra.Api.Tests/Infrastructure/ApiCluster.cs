using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Accounts;
using Squadra.Testing;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL and two backend replicas sharing it and the signing key, started once per test run.
/// Tests create their own users, so none depends on another's data.
/// </summary>
public sealed class ApiCluster : IAsyncLifetime
{
    public const string DatabaseName = "squadra";

    public TestPostgres Postgres { get; private set; } = null!;
    public ApiFactory Replica1 { get; private set; } = null!;
    public ApiFactory Replica2 { get; private set; } = null!;

    public string ConnectionString => Postgres.ConnectionString(DatabaseName);

    public async Task InitializeAsync()
    {
        Postgres = await TestPostgres.StartAsync();
        await Postgres.CreateDatabaseAsync(DatabaseName);
        var ports = (TestPostgres.FreeTcpPort(), TestPostgres.FreeTcpPort());
        var peers = new Dictionary<string, string>
        {
            ["Cluster:Replicas:0:Name"] = "api-1",
            ["Cluster:Replicas:0:Url"] = $"http://127.0.0.1:{ports.Item1}",
            ["Cluster:Replicas:1:Name"] = "api-2",
            ["Cluster:Replicas:1:Url"] = $"http://127.0.0.1:{ports.Item2}",
        };
        Replica1 = StartReplica("api-1", ports.Item1, peers);
        Replica2 = StartReplica("api-2", ports.Item2, peers);
        // Both replicas start at the same moment, as under supervisord: migrations must still run once.
        await Task.WhenAll(Task.Run(Replica1.StartServer), Task.Run(Replica2.StartServer));
    }

    /// <summary>A fresh user, signed up and logged in through replica 1.</summary>
    public Task<TestUser> NewUserAsync() => TestUser.SignUpAsync(Replica1.CreateClient());

    /// <summary>A fresh user with an email address of their own (see <see cref="Outbox"/>).</summary>
    public async Task<(TestUser User, string Address)> NewUserWithAddressAsync()
    {
        var user = await NewUserAsync();
        var address = Outbox.NewAddress(user.Username);
        await user.SendOkAsync<AccountDto>(HttpMethod.Patch, "/api/me", new UpdateAccountRequest(Email: address));
        return (user, address);
    }

    /// <summary>A team of two fresh users: its owner and one member.</summary>
    public async Task<(TestUser Owner, TestUser Member, Squadra.Contracts.Teams.TeamDto Team)> TeamOfTwoAsync()
    {
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, member);
        return (owner, member, team);
    }

    /// <summary>A team of fresh users: its owner and <paramref name="members"/> members.</summary>
    public async Task<(TestUser Owner, Squadra.Contracts.Teams.TeamDto Team, TestUser[] Members)> TeamAsync(int members)
    {
        var owner = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        var joined = new TestUser[members];
        for (var i = 0; i < members; i++)
        {
            joined[i] = await NewUserAsync();
            await owner.AddMemberAsync(team, joined[i]);
        }
        return (owner, team, joined);
    }

    /// <summary>A replica on real Kestrel (real sockets, real body limits, a real client address).</summary>
    public ApiFactory StartReplica(string name, int? port = null, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var replica = new ApiFactory(ConnectionString, name, settings, services);
        replica.UseKestrel(port ?? 0);
        return replica;
    }

    /// <summary>
    /// A replica whose announcements travel on <paramref name="nats"/> (<c>Realtime__Channel=nats</c>, <c>Realtime__Nats__Url</c>)
    /// instead of NOTIFY, started and ready to serve. Replicas of both channels share the database but not their
    /// announcements: a test posts through the nats replicas only.
    /// </summary>
    public ApiFactory StartNatsReplica(string name, NatsCluster nats, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Realtime:Channel"] = "nats",
            ["Realtime:Nats:Url"] = nats.Url,
        };
        var replica = StartReplica(name, settings: all, services: services);
        replica.StartServer();
        return replica;
    }

    public async Task DisposeAsync()
    {
        await Replica1.DisposeAsync();
        await Replica2.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiCluster>
{
    public const string Name = "api";
}
