using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Squadra.Testing;

namespace Squadra.E2E.Infrastructure;

/// <summary>
/// The official JavaScript SignalR client (npm @microsoft/signalr, run by Node: tests/clients/signalr-js),
/// connected to the gateway's hub in one transport mode. What it prints, one JSON object per line, is
/// collected here. Disposing closes its stdin: it stops its connection cleanly and exits.
/// </summary>
public sealed class StandardSignalRClient : IAsyncDisposable
{
    private readonly Process _node;
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private StandardSignalRClient(Process node)
    {
        _node = node;
        node.OutputDataReceived += (_, line) =>
        {
            if (!string.IsNullOrWhiteSpace(line.Data))
            {
                _events.Enqueue(JsonDocument.Parse(line.Data).RootElement.Clone());
            }
        };
        node.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                _errors.Enqueue(line.Data);
            }
        };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
    }

    public static StandardSignalRClient Start(Uri gateway, string token, string mode)
    {
        var start = new ProcessStartInfo("node", ["client.mjs", gateway.ToString(), mode])
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "tests", "clients", "signalr-js"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SQUADRA_TOKEN"] = token;
        return new StandardSignalRClient(Process.Start(start)!);
    }

    public IReadOnlyList<JsonElement> Events => [.. _events];

    /// <summary>The first event of this kind (after <paramref name="skip"/> of them), waiting up to <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string kind, TimeSpan timeout, int skip = 0)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var found = _events.Where(e => e.GetProperty("event").GetString() == kind).Skip(skip).ToList();
            if (found.Count > 0)
            {
                return found[0];
            }
            if (_node.HasExited)
            {
                break;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"no '{kind}' from the JavaScript client within {timeout}; it said: {string.Join(" | ", _events)} {string.Join(" | ", _errors)}");
    }

    public async Task<JsonElement> WaitForMessageAsync(string body, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_events.FirstOrDefault(e => e.GetProperty("event").GetString() == "message" && e.GetProperty("body").GetString() == body) is { ValueKind: JsonValueKind.Object } message)
            {
                return message;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"'{body}' did not reach the JavaScript client within {timeout}; it said: {string.Join(" | ", _events)} {string.Join(" | ", _errors)}");
    }

    public async ValueTask DisposeAsync()
    {
        _node.StandardInput.Close();
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _node.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
            _node.Kill(entireProcessTree: true);
        }
        _node.Dispose();
    }
}
