using System.Diagnostics;
using Npgsql;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;
using Squadra.Faults.Infrastructure;
using Squadra.Testing;
using Xunit.Abstractions;

namespace Squadra.Faults.Faults;

/// <summary>
/// Issue 25's "each reminder exactly once per member and occurrence, whatever the number of replicas and across a replica
/// crash". Every replica sweeps (Features/Events/ReminderSweeper: a batch of events claimed FOR UPDATE SKIP LOCKED, its
/// notifications written and the events marked reminded in one transaction). Many events fall due at one moment, and
/// while the replicas work through them api-1 and api-2 are killed with kill -9, one after the other (the fault stack
/// runs three replicas: api-3 works on meanwhile); once supervision has them back,
/// every member going to every event has exactly one reminder of it: none lost with a killed transaction, none repeated.
/// The events are one made through the API and copied in the database, their answers written there too, and their start
/// moved into the reminders' lead last, so that they fall due all at once and not one by one as they are made.
/// </summary>
[Collection(FaultStackCollection.Name)]
[TestCaseOrderer(ByOrder.TypeName, ByOrder.AssemblyName)]
public sealed class ReminderCrashTests(FaultStack stack, ITestOutputHelper output)
{
    private const int Events = 1000;
    // The sweep every 200 ms (the product's default is 15 s), through the replicas' live-reloaded appsettings.Production.json.
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(200);

    [Fact, Order(15), Trait("Matrix", "ci")]
    public async Task KillingTwoReplicasWhileTheySendRemindersLosesNoneAndRepeatsNone()
    {
        var settings = Path.Combine(stack.StateDirectory, "app", "api", "appsettings.Production.json");
        var people = await Population.SignUpAsync(stack.Gateway);
        var owner = people.Writers[0];
        var members = people.Writers.Concat(people.Subscribers).ToList();
        using var client = stack.Client(timeout: TimeSpan.FromSeconds(30));
        var team = await Population.SendAsync<TeamDto>(client, owner, HttpMethod.Post, "/api/teams", new CreateTeamRequest("reminders"));
        var template = await Population.SendAsync<EventDto>(client, owner, HttpMethod.Post, $"/api/teams/{team.Id}/events",
            new CreateEventRequest("Training", DateTimeOffset.UtcNow.AddDays(5).ToString("O")));
        try
        {
            await File.WriteAllTextAsync(settings, $$"""{ "Events": { "Reminders": { "PollInterval": "{{s_poll:c}}" } } }""");
            // Configuration reloads ~250 ms after the file changes.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await PrepareAsync(Guid.Parse(team.Id), Guid.Parse(template.Id), members.Select(m => Guid.Parse(m.UserId)).ToArray());
            var expected = Events * members.Count;

            var clock = Stopwatch.StartNew();
            await ExecuteAsync("UPDATE events SET starts_at = now() + interval '30 minutes' WHERE team_id = @team", Guid.Parse(team.Id));
            var (before1, pid1) = await KillWhenSomeAreSentAsync("api-1", Guid.Parse(team.Id), 1, expected);
            var (before2, pid2) = await KillWhenSomeAreSentAsync("api-2", Guid.Parse(team.Id), before1 + 1, expected);
            var killedAt = clock.Elapsed;
            output.WriteLine($"kill -9 api-1 (pid {pid1}) with {before1} of {expected} reminders written, then api-2 (pid {pid2}) with {before2}");

            var done = await Eventually.HoldsAsync(async () => await RemindedAsync(Guid.Parse(team.Id)) == Events, TimeSpan.FromSeconds(90));
            var doneAt = clock.Elapsed;
            var counts = await ReminderCountsAsync(Guid.Parse(team.Id));
            var missing = expected - counts.Count;
            var repeated = counts.Count(c => c > 1);
            var details = new List<string>
            {
                $"{Events} events of one team falling due at once, {members.Count} members going to each: {expected} reminders to write",
                $"api-1 killed with {before1} written, api-2 with {before2}; every event reminded {(doneAt - killedAt).TotalSeconds:0.0} s after the kills",
                $"{counts.Count} (member, event) pairs reminded, {missing} missing, {repeated} more than once",
            };
            foreach (var detail in details)
            {
                output.WriteLine(detail);
            }
            stack.Results.Add(new FaultReport("kill -9 api-1, then api-2, while the replicas send reminders", expected, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0,
                $"every event reminded {(doneAt - killedAt).TotalSeconds:0.0} s after the kills", missing, repeated, details));

            Assert.True(done, $"events reminded: {await RemindedAsync(Guid.Parse(team.Id))} of {Events}");
            Assert.True(before2 < expected, "the second kill came after the last reminder: it tested nothing");
            Assert.Equal(0, missing);
            Assert.Equal(0, repeated);
            foreach (var replica in FaultStack.Replicas)
            {
                using var direct = stack.Client(FaultStack.ApiPort(replica), TimeSpan.FromSeconds(2));
                Assert.True(await Eventually.HoldsAsync(() => FaultMatrixTests.IsOkAsync(direct, "/health/ready"), TimeSpan.FromSeconds(60)), $"{replica} not supervised back");
            }
        }
        finally
        {
            File.Delete(settings);
        }
    }

    /// <summary>The template copied to <see cref="Events"/> events of the team (a week away: none due yet), every member going to each.</summary>
    private async Task PrepareAsync(Guid team, Guid template, Guid[] members)
    {
        await using var connection = new NpgsqlConnection(stack.Database.PrimaryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            CREATE TEMP TABLE copies AS SELECT e.* FROM events e, generate_series(2, @count) WHERE e.id = @template;
            UPDATE copies SET id = gen_random_uuid();
            INSERT INTO events SELECT * FROM copies;
            INSERT INTO team_members (team_id, user_id, role) SELECT @team, m, 'member' FROM unnest(@members) AS m ON CONFLICT DO NOTHING;
            INSERT INTO event_rsvps (event_id, user_id, response)
            SELECT e.id, m, 'going' FROM events e, unnest(@members) AS m WHERE e.team_id = @team
            ON CONFLICT (event_id, user_id) DO UPDATE SET response = 'going';
            """, connection);
        command.Parameters.AddWithValue("count", Events);
        command.Parameters.AddWithValue("template", template);
        command.Parameters.AddWithValue("team", team);
        command.Parameters.AddWithValue("members", members);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Kills <paramref name="replica"/> once at least <paramref name="atLeast"/> reminders are written and not all; returns how many were.</summary>
    private async Task<(long Written, int Pid)> KillWhenSomeAreSentAsync(string replica, Guid team, long atLeast, long expected)
    {
        var pid = await stack.ProcessIdAsync(replica) ?? throw new InvalidOperationException($"{replica} is not running");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var written = await WrittenAsync(team);
            if (written >= atLeast && written < expected)
            {
                await Signals.KillAsync([pid]);
                return (written, pid);
            }
            await Task.Delay(5);
        }
        throw new InvalidOperationException($"no reminders were being written within 30 s ({await WrittenAsync(team)} of {expected})");
    }

    private async Task<long> WrittenAsync(Guid team) =>
        await ScalarAsync("SELECT count(*) FROM notifications WHERE type = 'event.reminder' AND team_id = @team", team);

    private async Task<long> RemindedAsync(Guid team) =>
        await ScalarAsync("SELECT count(*) FROM events WHERE team_id = @team AND reminded", team);

    /// <summary>How many reminders each (member, event) pair has.</summary>
    private async Task<List<long>> ReminderCountsAsync(Guid team)
    {
        await using var connection = new NpgsqlConnection(stack.Database.PrimaryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM notifications
            WHERE type = 'event.reminder' AND team_id = @team
            GROUP BY user_id, data -> 'event' ->> 'id'
            """, connection);
        command.Parameters.AddWithValue("team", team);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<long>();
        while (await reader.ReadAsync())
        {
            counts.Add(reader.GetInt64(0));
        }
        return counts;
    }

    private async Task<long> ScalarAsync(string sql, Guid team)
    {
        await using var connection = new NpgsqlConnection(stack.Database.PrimaryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("team", team);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, Guid team)
    {
        await using var connection = new NpgsqlConnection(stack.Database.PrimaryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("team", team);
        await command.ExecuteNonQueryAsync();
    }
}
