using Microsoft.Extensions.DependencyInjection;
using Squadra.Api.Data;
using Squadra.Api.Features.Email;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Testing;

namespace Squadra.Api.Tests.Email;

/// <summary>
/// The outbox (issue 21) against a real SMTP server, smtp4dev: what a committed transaction queued goes out once,
/// as text and HTML; nothing of a rolled-back one; a relay that is down is tried again; two replicas send each once.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EmailSenderTests(ApiCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(20);
    private MailCatcher _catcher = null!;

    public async Task InitializeAsync() => _catcher = await MailCatcher.StartAsync();

    public async Task DisposeAsync() => await _catcher.DisposeAsync();

    private ApiFactory Sender(string name, int? smtpPort = null)
    {
        var replica = cluster.StartReplica($"{name}-{Guid.NewGuid():N}"[..20], settings: new Dictionary<string, string>
        {
            ["Email:Enabled"] = "true",
            ["Email:Smtp:Port"] = (smtpPort ?? _catcher.SmtpPort).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:PollInterval"] = "00:00:00.200",
        });
        replica.StartServer();
        return replica;
    }

    private static Task<bool> QueueAsync(ApiFactory replica, EmailMessage message, string eventKey, bool commit = true) =>
        replica.Services.GetRequiredService<Db>().InTransactionAsync(async (connection, transaction, token) =>
        {
            await connection.EnqueueAsync(transaction, message, eventKey, token);
            return commit ? true : throw new InvalidOperationException("rolled back on purpose");
        }, CancellationToken.None).AsTask();

    private static EmailMessage Message(string subject, string to = "ana@example.org") =>
        new(to, subject, $"Hello Ana,\n\n{subject}.", $"<p>Hello Ana,</p><p>{subject}.</p>");

    private async Task<IReadOnlyList<CaughtEmail>> CaughtAsync(string subject) =>
        [.. (await _catcher.Api.EmailsAsync()).Where(e => e.Subject == subject)];

    [Fact]
    public async Task AnEmailQueuedInACommittedTransactionGoesOutOnceAsTextAndHtml()
    {
        await using var replica = Sender("api-mail");
        var subject = $"Reset {Guid.NewGuid():N}";

        await QueueAsync(replica, Message(subject), $"test:{subject}");

        Assert.True(await Eventually.FindAsync(async () => (await CaughtAsync(subject)).Count > 0, s_delivery), "never sent");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var email = Assert.Single(await CaughtAsync(subject));
        Assert.Equal(["ana@example.org"], email.To);
        Assert.Contains("squadra@", email.From, StringComparison.Ordinal);
        Assert.Contains(subject, await _catcher.Api.PlainTextAsync(email.Id), StringComparison.Ordinal);
        Assert.Contains($"<p>{subject}.</p>", await _catcher.Api.HtmlAsync(email.Id), StringComparison.Ordinal);
        Assert.EndsWith("@squadra>", (await _catcher.Api.HeadersAsync(email.Id))["Message-ID"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingOfARolledBackTransactionAndOneEmailForAnEventQueuedTwice()
    {
        await using var replica = Sender("api-mail");
        var (rolledBack, twice) = ($"Rolled back {Guid.NewGuid():N}", $"Twice {Guid.NewGuid():N}");

        await Assert.ThrowsAsync<InvalidOperationException>(() => QueueAsync(replica, Message(rolledBack), $"test:{rolledBack}", commit: false));
        await QueueAsync(replica, Message(twice), $"test:{twice}");
        await QueueAsync(replica, Message(twice), $"test:{twice}");

        Assert.True(await Eventually.FindAsync(async () => (await CaughtAsync(twice)).Count > 0, s_delivery), "never sent");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await CaughtAsync(twice));
        Assert.Empty(await CaughtAsync(rolledBack));
    }

    [Fact]
    public async Task WhileTheRelayIsDownTheEmailWaitsAndGoesOutOnceOneAnswers()
    {
        var subject = $"Waited {Guid.NewGuid():N}";
        await using (var unreachable = Sender("api-nomail", smtpPort: TestPostgres.FreeTcpPort()))
        {
            await QueueAsync(unreachable, Message(subject), $"test:{subject}");
            Assert.True(await Eventually.FindAsync(async () => await Sql.ScalarAsync<long>(cluster.ConnectionString,
                "SELECT count(*) FROM email_outbox WHERE event_key = @key AND attempts >= 1 AND last_error IS NOT NULL", ("key", $"test:{subject}")) == 1, s_delivery),
                "no failed attempt recorded");
        }

        await using var reachable = Sender("api-mail");

        Assert.True(await Eventually.FindAsync(async () => (await CaughtAsync(subject)).Count > 0, s_delivery), "never sent once the relay answered");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await CaughtAsync(subject));
    }

    [Fact]
    public async Task TwoReplicasSendingAtOnceSendEachEmailOnce()
    {
        await using var first = Sender("api-mail-a");
        await using var second = Sender("api-mail-b");
        var batch = Guid.NewGuid().ToString("N")[..8];
        var subjects = Enumerable.Range(0, 30).Select(i => $"Batch {batch} #{i}").ToList();

        await Task.WhenAll(subjects.Select((subject, i) => QueueAsync(i % 2 == 0 ? first : second, Message(subject), $"test:{subject}")));

        Assert.True(await Eventually.FindAsync(async () => (await _catcher.Api.EmailsAsync()).Count(e => e.Subject.StartsWith($"Batch {batch}", StringComparison.Ordinal)) >= 30, s_delivery),
            "not all sent");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var sent = (await _catcher.Api.EmailsAsync()).Where(e => e.Subject.StartsWith($"Batch {batch}", StringComparison.Ordinal)).Select(e => e.Subject).ToList();
        Assert.Equal(subjects.Order(), sent.Order());
    }
}
