using System.Diagnostics;

namespace Squadra.Testing;

/// <summary>
/// A real SMTP server for the tests: smtp4dev (the dotnet tool of dotnet-tools.json, as ./run.sh runs it), on free
/// loopback ports, keeping what it receives in memory; read through its web API (<see cref="Api"/>).
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly Process _process;

    private MailCatcher(Process process, int smtpPort, int webPort)
    {
        (_process, SmtpPort) = (process, smtpPort);
        Api = new MailCatcherApi(new Uri($"http://127.0.0.1:{webPort}/"));
    }

    public int SmtpPort { get; }

    public MailCatcherApi Api { get; }

    public static async Task<MailCatcher> StartAsync()
    {
        var (smtp, web) = (TestPostgres.FreeTcpPort(), TestPostgres.FreeTcpPort());
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{web}", $"--smtpport={smtp}",
                     "--bindaddress=127.0.0.1", "--disableipv6", "--imapport=", "--pop3port=", "--db="])
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var catcher = new MailCatcher(process, smtp, web);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await catcher.Api.AnswersAsync())
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                await catcher.DisposeAsync();
                throw new InvalidOperationException("smtp4dev did not answer within 90 s");
            }
            await Task.Delay(250);
        }
        return catcher;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
