using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;
using Squadra.Testing;
using Xunit.Abstractions;

namespace Squadra.Api.Tests.Data;

/// <summary>
/// One replica on its own primary/standby pair (it freezes, stops and promotes them, so never the shared
/// cluster's), checking that <see cref="PrimaryLocator"/> moves work to whichever server is the primary.
/// The time bounds guard the mechanism (abandon and retry at once, never wait on a frozen server), with room
/// for a loaded two-core machine; they are not speed targets.
/// </summary>
[Collection(PrimaryFailoverCollection.Name)]
public sealed class PrimaryFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Database = "squadra";

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TestPostgres? _primary;
    private TestPostgres? _standby;
    private ApiFactory? _replica;

    private TestPostgres Primary => _primary!;
    private TestPostgres Standby => _standby!;
    private PrimaryLocator Locator => _replica!.Services.GetRequiredService<PrimaryLocator>();

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a test class whose InitializeAsync failed: the servers would outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        _primary = await TestPostgres.StartAsync();
        await _primary.CreateDatabaseAsync(Database);
        _standby = await _primary.StartStandbyAsync();
        var connectionString =
            $"Host=127.0.0.1:{_primary.Port},127.0.0.1:{_standby.Port};Database={Database};Username=postgres;" +
            "Target Session Attributes=primary;Timeout=2;Command Timeout=3;Cancellation Timeout=-1;Gss Encryption Mode=Disable;Host Recheck Seconds=1";
        _replica = new ApiFactory(connectionString, "api-failover",
            services: services => services.AddLogging(logging => logging.AddProvider(new TestOutputLoggerProvider(output, _clock))));
        _replica.UseKestrel(0);
        _replica.StartServer();
        Step($"primary on {_primary.Port}, standby on {_standby.Port}, replica up");
    }

    [Fact]
    public async Task AFrozenPrimaryIsLeftForThePromotedStandbyAndNeverTakenBack()
    {
        var owner = await TestUser.SignUpAsync(_replica!.CreateClient());
        var team = await owner.CreateTeamAsync();
        var acknowledged = new List<string> { (await owner.PostAsync(team, "before the freeze")).Id };
        var before = Locator.Current;
        Assert.Equal(Primary.Port, before?.Port);
        await Standby.CatchUpAsync();

        await Primary.FreezeAsync();
        Step("primary frozen");
        var inFlight = PostAsync(owner, team, "in flight across the failover");
        await Task.Delay(TimeSpan.FromSeconds(1));
        if (inFlight.IsCompleted)
        {
            Assert.Fail($"The post did not wait on the frozen primary: {await inFlight}");
        }
        Step("promoting the standby");
        var promotion = Stopwatch.StartNew();
        await Standby.PromoteAsync();
        Step($"standby promoted ({promotion.Elapsed.TotalSeconds:F3}s)");

        var switched = await Eventually.FindAsync(() => Locator.Current?.Port == Standby.Port, TimeSpan.FromSeconds(3) - promotion.Elapsed);
        Step($"locator switched: {switched}, {promotion.Elapsed.TotalSeconds:F3}s after the promotion began");
        Assert.True(switched, $"The locator still points at {Locator.Current?.Port} {promotion.Elapsed} after the promotion began.");
        var abandoned = await inFlight.WaitAsync(TimeSpan.FromSeconds(10));
        Step($"in-flight post: {abandoned}, {promotion.Elapsed.TotalSeconds:F3}s after the promotion began");
        Assert.Equal(HttpStatusCode.Created, abandoned.Status);
        acknowledged.Add(abandoned.Message!.Id);
        acknowledged.AddRange(await PostInTurnAsync(owner, team, "after the failover", 5, TimeSpan.FromSeconds(1.5)));

        await Primary.ThawAsync();
        Step("old primary thawed: two writable servers, the old one on the older timeline");
        // Let the locator hear the old primary answer as writable again before anything is written.
        Assert.True(await Eventually.FindAsync(OldPrimaryAnswersAsWritableAsync, TimeSpan.FromSeconds(10)), "The thawed old primary does not answer as a primary.");
        Locator.LookNow();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var afterThaw = await PostInTurnAsync(owner, team, "after the thaw", 5, TimeSpan.FromSeconds(1.5));
        acknowledged.AddRange(afterThaw);

        var current = Locator.Current;
        Assert.Equal(Standby.Port, current?.Port);
        Assert.True(current!.Timeline > before!.Timeline, $"The promoted server's timeline {current.Timeline} is not above the old primary's {before.Timeline}.");
        var stored = await MessagesAsync(Standby, team);
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), stored.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, acknowledged.Count).Select(i => (long)i), stored.Select(m => m.Seq));
        var onOldPrimary = (await MessagesAsync(Primary, team)).Select(m => m.Id).ToHashSet();
        Assert.DoesNotContain(afterThaw, onOldPrimary.Contains);
    }

    [Fact]
    public async Task WithNoWritableNodeAWriteIsRefusedWith503UntilTheStandbyIsPromoted()
    {
        var owner = await TestUser.SignUpAsync(_replica!.CreateClient());
        var team = await owner.CreateTeamAsync();
        await owner.PostAsync(team, "before the outage");
        await Standby.CatchUpAsync();

        await Primary.StopAsync();
        Step("primary stopped; the standby is still in recovery");
        var clock = Stopwatch.StartNew();
        using (var refused = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("nowhere to go")))
        {
            Step($"refused with {(int)refused.StatusCode} after {clock.Elapsed.TotalSeconds:F3}s");
            await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(9), $"The refusal took {clock.Elapsed}; the retry budget is {Db.RetryBudget}.");
        }
        using (var live = await owner.Client.GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await Standby.PromoteAsync();
        Step("standby promoted");
        var posted = await PostAsync(owner, team, "after the promotion");

        Assert.Equal(HttpStatusCode.Created, posted.Status);
        Assert.Equal(Standby.Port, Locator.Current?.Port);
        Assert.Equal(new long[] { 1, 2 }, (await MessagesAsync(Standby, team)).Select(m => m.Seq));
    }

    public async Task DisposeAsync()
    {
        // The replica goes first, so that nothing of it waits on a server being torn down; StopAsync thaws a frozen one.
        try
        {
            if (_replica is not null)
            {
                await _replica.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (_standby is not null)
                {
                    await _standby.DisposeAsync();
                }
            }
            finally
            {
                if (_primary is not null)
                {
                    await _primary.DisposeAsync();
                }
            }
        }
    }

    private sealed record Posted(HttpStatusCode Status, MessageDto? Message, TimeSpan Took, string Answer)
    {
        public override string ToString() => $"{(int)Status} in {Took.TotalSeconds:F3}s {(Message is null ? Answer : "")}";
    }

    private static async Task<Posted> PostAsync(TestUser user, TeamDto team, string body)
    {
        var clock = Stopwatch.StartNew();
        using var response = await user.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest(body));
        var answer = await response.Content.ReadAsStringAsync();
        var message = response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<MessageDto>() : null;
        return new Posted(response.StatusCode, message, clock.Elapsed, answer);
    }

    /// <summary>Posts <paramref name="count"/> messages one after another, each within <paramref name="limit"/>; returns their ids.</summary>
    private async Task<List<string>> PostInTurnAsync(TestUser user, TeamDto team, string body, int count, TimeSpan limit)
    {
        var ids = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var posted = await PostAsync(user, team, $"{body} {i}");
            Step($"{body} {i}: {posted}");
            Assert.Equal(HttpStatusCode.Created, posted.Status);
            Assert.True(posted.Took < limit, $"'{body} {i}' took {posted.Took}: it waited on something.");
            ids.Add(posted.Message!.Id);
        }
        return ids;
    }

    private async Task<bool> OldPrimaryAnswersAsWritableAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(Primary.ConnectionString(Database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT NOT pg_is_in_recovery()", connection);
            return (bool)(await command.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>A team's messages as stored on one server, read there directly.</summary>
    private static async Task<List<(string Id, long Seq)>> MessagesAsync(TestPostgres server, TeamDto team)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id::text, seq FROM messages WHERE team_id = @team ORDER BY seq", connection);
        command.Parameters.AddWithValue("team", Guid.Parse(team.Id));
        await using var reader = await command.ExecuteReaderAsync();
        var messages = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            messages.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return messages;
    }

    private void Step(string what) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds,8:F3}s ---- {what}"));
}

/// <summary>Alone, after the parallel collections: these tests time a failover, and the rest of the suite would load the machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PrimaryFailoverCollection
{
    public const string Name = "primary-failover";
}
