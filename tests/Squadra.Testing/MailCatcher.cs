using System.Collections.Concurrent;
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

    /// <summary>
    /// Starts smtp4dev; tried twice, since the free ports are free when chosen, not necessarily when smtp4dev binds them
    /// (another test's server may take one meanwhile). A failure says what smtp4dev last printed.
    /// </summary>
    public static async Task<MailCatcher> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var (catcher, failure) = await TryStartAsync();
            if (catcher is not null)
            {
                return catcher;
            }
            if (attempt == 2)
            {
                throw new InvalidOperationException(failure);
            }
        }
    }

    private static async Task<(MailCatcher? Catcher, string Failure)> TryStartAsync()
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
        var lastLines = new ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            lastLines.Enqueue(line);
            while (lastLines.Count > 10)
            {
                lastLines.TryDequeue(out _);
            }
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var catcher = new MailCatcher(process, smtp, web);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await catcher.Api.AnswersAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var what = process.HasExited
                    ? $"smtp4dev exited (code {process.ExitCode}) before answering on ports {smtp}/{web}"
                    : $"smtp4dev did not answer within 90 s on ports {smtp}/{web}";
                await catcher.DisposeAsync();
                return (null, $"{what}; it last printed: {string.Join(" | ", lastLines)}");
            }
            await Task.Delay(250);
        }
        return (catcher, "");
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
