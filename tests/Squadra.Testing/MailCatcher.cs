using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Squadra.Testing;

/// <summary>An email the catcher received, as its API lists it.</summary>
public sealed record CaughtEmail(string Id, string From, IReadOnlyList<string> To, string Subject, DateTimeOffset ReceivedDate);

/// <summary>
/// A real SMTP server for the tests: smtp4dev (the dotnet tool of dotnet-tools.json, as ./run.sh runs it), on free
/// loopback ports, keeping what it receives in memory; read through its web API.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _api;

    private MailCatcher(Process process, int smtpPort, int webPort)
    {
        (_process, SmtpPort) = (process, smtpPort);
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int SmtpPort { get; }

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
        while (true)
        {
            try
            {
                await catcher.EmailsAsync();
                return catcher;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(250);
            }
        }
    }

    public async Task<IReadOnlyList<CaughtEmail>> EmailsAsync()
    {
        var page = await _api.GetFromJsonAsync<JsonElement>("api/messages?pageSize=1000");
        return [.. page.GetProperty("results").Deserialize<List<CaughtEmail>>(JsonSerializerOptions.Web)!];
    }

    public async Task<string> PlainTextAsync(string id) => await _api.GetStringAsync($"api/messages/{id}/plaintext");

    public async Task<string> HtmlAsync(string id) => await _api.GetStringAsync($"api/messages/{id}/html");

    /// <summary>The email's headers by name (one value each, the first).</summary>
    public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(string id)
    {
        var message = await _api.GetFromJsonAsync<JsonElement>($"api/messages/{id}");
        return message.GetProperty("headers").EnumerateArray()
            .GroupBy(h => h.GetProperty("name").GetString()!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().GetProperty("value").GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
