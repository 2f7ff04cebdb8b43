using System.Net.Sockets;
using Squadra.Testing;

namespace Squadra.Quickstart.Infrastructure;

/// <summary>The ports the README promises (its "Ports" table), and who holds one when it is taken.</summary>
public static class DefaultPorts
{
    public const int Gateway = 8080;
    public const int MailUi = 5080;
    public const int MailSmtp = 2525;

    public static readonly IReadOnlyList<(int Port, string Part)> All =
    [
        (Gateway, "gateway"), (3000, "frontend-1"), (3001, "frontend-2"), (5000, "api-1"), (5001, "api-2"),
        (5431, "pg_auto_failover monitor"), (5432, "database node1"), (5433, "database node2"),
        (MailUi, "mail catcher's web UI"), (MailSmtp, "mail catcher's SMTP"),
    ];

    /// <summary>The ports a browser or an operator reaches the application on (its mail catcher's too).</summary>
    public static readonly IReadOnlyList<int> Application = [Gateway, 3000, 3001, 5000, 5001, MailUi, MailSmtp];

    public static bool Answers(int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    /// <summary>Fails, naming the port and its process, when anything listens on a default port.</summary>
    public static async Task AssertFreeAsync(string when)
    {
        foreach (var (port, part) in All.Where(p => Answers(p.Port)))
        {
            var holder = await ProcessRunner.RunAsync("ss", ["-Hltnp", $"sport = :{port}"]);
            Assert.Fail($"{when}: port {port} (the {part}'s default) is held by another process: {holder.Output.Trim()}");
        }
    }

    /// <summary>Polls until no application port answers (a stopped process may take a moment to close).</summary>
    public static async Task AssertClosedAsync(string when)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Application.Any(Answers) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        var open = Application.Where(Answers).ToList();
        Assert.True(open.Count == 0, $"{when}: still answering on {string.Join(", ", open)}");
    }
}
