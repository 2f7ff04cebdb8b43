using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Squadra.Faults.Infrastructure;
using Squadra.Testing;
using Xunit.Abstractions;

namespace Squadra.Faults.Faults;

/// <summary>
/// The email outbox (src/Squadra.Api/Features/Email) is drained by one replica at a time, under a session advisory lock
/// it holds while it sends a batch. The contract: an email is never lost by a replica crash and never sent twice for one
/// event, with one window EmailSender names: an email the relay accepted just before the kill, before the sender marked it
/// sent, is sent again by the next sender once the claim's lease is over, with the same Message-ID (mail clients show
/// one). So: at most one email sent twice per kill, and that one twice with one Message-ID.
/// Nothing in the product queues email yet, so the events are queued straight into email_outbox on the primary, as the
/// application's role; the sender holding the lock is found through pg_locks, frozen (SIGSTOP), checked to be mid-batch
/// (emails claimed and not yet sent), and killed (SIGKILL). What arrived is read from the stack's mail catcher.
/// </summary>
[Collection(FaultStackCollection.Name)]
[TestCaseOrderer(ByOrder.TypeName, ByOrder.AssemblyName)]
public sealed partial class EmailOutboxCrashTests(FaultStack stack, ITestOutputHelper output)
{
    private const int Emails = 200;
    // EmailSender's lock key, 0x5351_454d_4149_4c01, as pg_locks shows a bigint key: its high and low 32 bits.
    private const long LockKeyHigh = 0x5351_454d;
    private const long LockKeyLow = 0x4149_4c01;
    // Email:ClaimLease for this test (the product's default is a minute; the smallest it accepts is 5 s), set through the
    // replicas' live-reloaded appsettings.Production.json as UnannouncedCommitTests sets its hook.
    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(5);

    [Fact, Order(14), Trait("Matrix", "ci")]
    public async Task KillingTheSenderMidBatchLosesNoEmailAndSendsAtMostTheOneInFlightTwiceWithOneMessageId()
    {
        var run = $"{Guid.NewGuid():N}"[..8];
        var settings = Path.Combine(stack.StateDirectory, "app", "api", "appsettings.Production.json");
        using var catcher = new MailCatcherApi(stack.MailApi);
        var clock = Stopwatch.StartNew();
        try
        {
            await File.WriteAllTextAsync(settings, $$"""{ "Email": { "ClaimLease": "{{s_lease:c}}" } }""");
            // Configuration reloads ~250 ms after the file changes.
            await Task.Delay(TimeSpan.FromSeconds(2));

            await QueueAsync(run);
            var queuedAt = clock.Elapsed;
            var (replica, pid, claimed, sentBefore) = await FreezeTheSenderMidBatchAsync(run, TimeSpan.FromSeconds(30));
            await Signals.KillAsync([pid]);
            await Signals.ThawAsync([pid]);
            var killedAt = clock.Elapsed;
            output.WriteLine($"kill -9 {replica} (pid {pid}) at +{(killedAt - queuedAt).TotalSeconds:0.0} s: {sentBefore} of {Emails} sent, {claimed} claimed and not yet marked sent");

            var allSent = await Eventually.HoldsAsync(async () => await CountAsync(run, "sent_at IS NOT NULL") == Emails, s_lease + TimeSpan.FromSeconds(45));
            var drainedAt = clock.Elapsed;
            // The catcher stores what it accepted before it answers, but a last send may still be on its way.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var caught = (await catcher.EmailsAsync()).Where(e => e.Subject.StartsWith(Subject(run, ""), StringComparison.Ordinal)).ToList();
            var bySubject = caught.GroupBy(e => e.Subject).ToDictionary(g => g.Key, g => g.ToList());
            var lost = Enumerable.Range(1, Emails).Select(i => Subject(run, i)).Where(s => !bySubject.ContainsKey(s)).ToList();
            var twice = bySubject.Where(g => g.Value.Count > 1).ToList();
            var ids = await OutboxIdsAsync(run);
            var messageIds = new List<string>();
            foreach (var copy in twice.SelectMany(g => g.Value))
            {
                messageIds.Add((await catcher.HeadersAsync(copy.Id))["Message-ID"]);
            }
            using var direct = stack.Client(FaultStack.ApiPort(replica), TimeSpan.FromSeconds(2));
            var back = await Eventually.HoldsAsync(async () => await stack.ProcessIdAsync(replica) is { } now && now != pid && await FaultMatrixTests.IsOkAsync(direct, "/health/ready"),
                TimeSpan.FromSeconds(60));
            var backAt = clock.Elapsed;

            var details = new List<string>
            {
                $"{Emails} emails queued in email_outbox on the primary; the sender ({replica}) frozen then killed with {sentBefore} sent and {claimed} claimed, not yet marked sent",
                $"every email marked sent {(drainedAt - killedAt).TotalSeconds:0.0} s after the kill (claim lease {s_lease.TotalSeconds:0} s); the catcher holds {caught.Count} of them",
                twice.Count == 0
                    ? "none arrived twice"
                    : $"arrived twice: {string.Join("; ", twice.Select(g => g.Key))} (Message-IDs {string.Join(", ", messageIds)}): the relay had accepted it before the kill, the sender had not marked it",
            };
            foreach (var detail in details)
            {
                output.WriteLine(detail);
            }
            stack.Results.Add(new FaultReport($"kill -9 the email sender ({replica}) mid-batch", Emails, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0,
                back ? $"{replica} back in {(backAt - killedAt).TotalSeconds:0.0} s; outbox drained {(drainedAt - killedAt).TotalSeconds:0.0} s after the kill" : $"{replica} NOT back",
                lost.Count, twice.Count, details));

            Assert.True(allSent, $"not every email was marked sent: {await CountAsync(run, "sent_at IS NOT NULL")} of {Emails}");
            Assert.True(lost.Count == 0, $"lost: {string.Join(", ", lost)}");
            Assert.True(twice.Count <= 1, $"more than the one email in flight at the kill arrived twice: {string.Join(", ", twice.Select(g => $"{g.Key} x{g.Value.Count}"))}");
            foreach (var (subject, copies) in twice)
            {
                // Twice, not more, and both copies one email to a mail client: the outbox row's Message-ID.
                Assert.Equal(2, copies.Count);
                Assert.All(messageIds, id => Assert.Equal($"<{ids[subject]}@squadra>", id));
            }
            Assert.True(back, $"{replica} not supervised back and ready");
        }
        finally
        {
            File.Delete(settings);
        }
    }

    private static string Subject(string run, int number) => Subject(run, number.ToString("000", CultureInfo.InvariantCulture));

    private static string Subject(string run, string number) => $"Outbox crash {run} #{number}";

    private async Task QueueAsync(string run)
    {
        await using var connection = new NpgsqlConnection(stack.Database.PrimaryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO email_outbox (id, event_key, to_address, subject, text_body, html_body)
            SELECT gen_random_uuid(), 'fault:' || @run || ':' || i, 'crash@example.org', @prefix || lpad(i::text, 3, '0'),
                   'Email ' || i || ' of the outbox crash test.', '<p>Email ' || i || ' of the outbox crash test.</p>'
            FROM generate_series(1, @count) AS i
            """, connection);
        command.Parameters.AddWithValue("run", run);
        command.Parameters.AddWithValue("prefix", Subject(run, ""));
        command.Parameters.AddWithValue("count", Emails);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Waits for the replica holding the sender's lock to be mid-batch (some of the run's emails sent, some claimed and not
    /// yet marked), freezes it, and checks that it still is (frozen, it cannot move on); thaws it and tries again if not.
    /// </summary>
    private async Task<(string Replica, int Pid, long Claimed, long Sent)> FreezeTheSenderMidBatchAsync(string run, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await SenderAsync(run) is { } sender)
            {
                await Signals.FreezeAsync([sender.Pid]);
                if (await SenderAsync(run) is { } still && still.Pid == sender.Pid)
                {
                    return (sender.Replica, sender.Pid, still.Claimed, still.Sent);
                }
                await Signals.ThawAsync([sender.Pid]);
            }
            await Task.Delay(10);
        }
        throw new InvalidOperationException($"no replica was seen sending the run's emails mid-batch within {timeout.TotalSeconds} s");
    }

    /// <summary>The replica whose connection holds the sender's lock while some of the run's emails are sent and some claimed.</summary>
    private async Task<(string Replica, int Pid, long Claimed, long Sent)?> SenderAsync(string run)
    {
        await using var connection = new NpgsqlConnection(stack.Database.PrimaryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT a.client_port,
                   (SELECT count(*) FROM email_outbox WHERE event_key LIKE @keys AND sending_since IS NOT NULL AND sent_at IS NULL),
                   (SELECT count(*) FROM email_outbox WHERE event_key LIKE @keys AND sent_at IS NOT NULL)
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = @high AND l.objid::bigint = @low AND l.objsubid = 1
            """, connection);
        command.Parameters.AddWithValue("keys", $"fault:{run}:%");
        command.Parameters.AddWithValue("high", LockKeyHigh);
        command.Parameters.AddWithValue("low", LockKeyLow);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync() || reader.IsDBNull(0))
        {
            return null;
        }
        var (port, claimed, sent) = (reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2));
        if (claimed == 0 || sent == 0 || sent >= Emails - 20)
        {
            return null;
        }
        // The lock's connection, from the replica's side: the process that owns that local port.
        var sockets = await ProcessRunner.RunAsync("ss", ["-Htnp", $"sport = :{port}"]);
        if (SocketOwner().Match(sockets.Output) is not { Success: true } owner)
        {
            return null;
        }
        var pid = int.Parse(owner.Groups[1].Value, CultureInfo.InvariantCulture);
        foreach (var replica in FaultStack.Replicas)
        {
            if (await stack.ProcessIdAsync(replica) == pid)
            {
                return (replica, pid, claimed, sent);
            }
        }
        return null;
    }

    private async Task<long> CountAsync(string run, string condition)
    {
        await using var connection = new NpgsqlConnection(stack.Database.PrimaryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM email_outbox WHERE event_key LIKE @keys AND {condition}", connection);
        command.Parameters.AddWithValue("keys", $"fault:{run}:%");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Dictionary<string, Guid>> OutboxIdsAsync(string run)
    {
        await using var connection = new NpgsqlConnection(stack.Database.PrimaryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT subject, id FROM email_outbox WHERE event_key LIKE @keys", connection);
        command.Parameters.AddWithValue("keys", $"fault:{run}:%");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new Dictionary<string, Guid>();
        while (await reader.ReadAsync())
        {
            ids[reader.GetString(0)] = reader.GetGuid(1);
        }
        return ids;
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex SocketOwner();
}
