using System.Text.RegularExpressions;
using Squadra.Quickstart.Infrastructure;
using Squadra.Testing;

namespace Squadra.Quickstart;

/// <summary>
/// The README's "The two commands" and the run.sh commands it shows, exactly as a newcomer types them: in the
/// checkout, nothing of ours in the environment, the default ports and the default state directory. No other
/// suite can see a broken default: each sets its own ports and state.
/// </summary>
[Collection(QuickstartCollection.Name)]
public sealed partial class QuickstartTests
{
    private const string Password = "correct horse battery";

    // Install, publish and start on a machine that has none of it yet: the first ./run.sh is the longest.
    private static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan AnotherRun = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan Stop = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Root_runs_checks_stops_and_runs_again_with_nothing_lost()
    {
        var root = Newcomer.Root();
        var stateExisted = Directory.Exists(root.StateDirectory);
        await DefaultPorts.AssertFreeAsync("before ./run.sh");
        try
        {
            var output = await root.RunScriptCheckedAsync([], FirstRun);
            Assert.Contains($"Squadra is running: http://localhost:{DefaultPorts.Gateway}", output, StringComparison.Ordinal);
            Assert.Contains($"Mail: every email the app sends is caught, not delivered: http://localhost:{DefaultPorts.MailUi}", output, StringComparison.Ordinal);

            using var visitor = new GatewayVisitor();
            await visitor.AssertAppAndReadinessAnswerAsync();
            await AssertMailCatcherAnswersAsync();
            var username = NewUsername();
            await visitor.RegisterAsync(username, Password);
            var token = await visitor.LogInAsync(username, Password);
            var teamId = await visitor.CreateTeamAsync(token, "Quickstart team");

            var status = await root.RunScriptCheckedAsync(["status"], Stop);
            AssertNamesThePrimary(status);
            AssertListsTheMailCatcher(status);
            await AssertTheMailCatcherComesBackFromAKillWithItsMailAsync(root);
            Assert.Contains("==> ", await root.RunScriptCheckedAsync(["logs"], Stop), StringComparison.Ordinal);
            // "./run.sh logs api-1" follows the log until interrupted: timeout(1) interrupts it (exit 124).
            var follow = await root.RunAsync("timeout", ["5", "./run.sh", "logs", "api-1"], Stop);
            Assert.Equal(124, follow.ExitCode);
            Assert.Matches(@"\d\d:\d\d:\d\d\.\d{3} info: Squadra\.Api", follow.Output);

            await root.RunScriptCheckedAsync(["stop"], Stop);
            await DefaultPorts.AssertClosedAsync("after ./run.sh stop");
            Assert.Contains("not running", (await root.RunScriptAsync(["status"], Stop)).Output, StringComparison.Ordinal);

            await root.RunScriptCheckedAsync([], AnotherRun);
            await visitor.AssertAppAndReadinessAnswerAsync();
            await AssertMailCatcherAnswersAsync();
            var again = await visitor.LogInAsync(username, Password);
            Assert.Contains(await visitor.TeamsAsync(again), team => team.Id == teamId);
        }
        finally
        {
            await root.RunScriptAsync(["stop"], Stop);
            if (!stateExisted)
            {
                Directory.Delete(root.StateDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_user_with_sudo_runs_checks_and_stops()
    {
        var user = await Newcomer.UserWithSudoAsync("squadra-newcomer");
        await DefaultPorts.AssertFreeAsync("before ./run.sh");
        try
        {
            var output = await user.RunScriptCheckedAsync([], FirstRun);
            Assert.Contains($"Squadra is running: http://localhost:{DefaultPorts.Gateway}", output, StringComparison.Ordinal);

            using var visitor = new GatewayVisitor();
            await visitor.AssertAppAndReadinessAnswerAsync();
            var username = NewUsername();
            await visitor.RegisterAsync(username, Password);
            await visitor.CreateTeamAsync(await visitor.LogInAsync(username, Password), "Quickstart team");

            await AssertMailCatcherAnswersAsync();
            var status = await user.RunScriptCheckedAsync(["status"], Stop);
            AssertNamesThePrimary(status);
            AssertListsTheMailCatcher(status);
            AssertEverythingRunsAs(user, await ProcessRunner.RunCheckedAsync("ps", ["-eo", "user:32=,args="]));

            await user.RunScriptCheckedAsync(["stop"], Stop);
            await DefaultPorts.AssertClosedAsync("after ./run.sh stop");
        }
        finally
        {
            await user.RunScriptAsync(["stop"], Stop);
            Directory.Delete(user.Checkout, recursive: true);
        }
    }

    private static string NewUsername() => $"newcomer_{Guid.NewGuid():N}"[..20];

    private static void AssertNamesThePrimary(string status) =>
        Assert.Matches(PrimaryLine(), status);

    private static void AssertListsTheMailCatcher(string status)
    {
        Assert.Matches(MailCatcherRunning(), status);
        Assert.Contains($"http://localhost:{DefaultPorts.MailUi}", status, StringComparison.Ordinal);
    }

    /// <summary>Like every part, the catcher is supervised; its mail is in the state directory, so a crash loses none.</summary>
    private static async Task AssertTheMailCatcherComesBackFromAKillWithItsMailAsync(Newcomer newcomer)
    {
        using var api = new MailCatcherApi(new Uri($"http://localhost:{DefaultPorts.MailUi}/"));
        var subject = $"Quickstart {Guid.NewGuid():N}";
        using (var smtp = new System.Net.Mail.SmtpClient("127.0.0.1", DefaultPorts.MailSmtp))
        {
            await smtp.SendMailAsync("squadra@localhost.localdomain", "newcomer@example.org", subject, "Caught, not delivered.");
        }
        // smtp4dev stores what it accepted a moment after it answered.
        var listed = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(await api.EmailsAsync()).Any(e => e.Subject == subject))
        {
            Assert.True(DateTime.UtcNow < listed, "the email sent to the catcher's SMTP port is not in its API");
            await Task.Delay(250);
        }
        string[] supervisor = ["-c", Path.Combine(newcomer.StateDirectory, "supervisor", "supervisord.conf"), "pid", "mail-catcher"];
        var pid = (await ProcessRunner.RunCheckedAsync("supervisorctl", supervisor)).Trim();

        await ProcessRunner.RunCheckedAsync("kill", ["-9", pid]);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await ProcessRunner.RunAsync("supervisorctl", supervisor)).Output.Trim() is var now && (now == pid || now == "0" || !await api.AnswersAsync()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the mail catcher (pid {pid} killed) is not back: supervisord says pid {now}");
            await Task.Delay(250);
        }
        Assert.Contains(await api.EmailsAsync(), e => e.Subject == subject);
    }

    /// <summary>The README's "see the mail" address: smtp4dev's web UI, and its API the tests read mail through.</summary>
    private static async Task AssertMailCatcherAnswersAsync()
    {
        using var page = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var ui = await page.GetAsync(new Uri($"http://localhost:{DefaultPorts.MailUi}/"));
        Assert.Equal(System.Net.HttpStatusCode.OK, ui.StatusCode);
        using var api = new MailCatcherApi(new Uri($"http://localhost:{DefaultPorts.MailUi}/"));
        Assert.True(await api.AnswersAsync(), "the mail catcher's API does not answer");
        await api.EmailsAsync();
    }

    /// <summary>Every process of the user's stack (named by its state directory) runs as that user: only apt needed sudo.</summary>
    private static void AssertEverythingRunsAs(Newcomer user, string processes)
    {
        var ours = processes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(user.StateDirectory, StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, line => Assert.StartsWith($"{user.User} ", line, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"Primary: node[12] \(127\.0\.0\.1:543[23]\)")]
    private static partial Regex PrimaryLine();

    [GeneratedRegex(@"mail-catcher\s+RUNNING")]
    private static partial Regex MailCatcherRunning();
}

[CollectionDefinition(Name)]
public sealed class QuickstartCollection
{
    public const string Name = "quickstart";
}
