using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Realtime;

namespace Squadra.Bench;

/// <summary>
/// The fan-out ceiling: a SignalR hub that only broadcasts. Same path and wire format as Squadra (POST
/// /api/teams/{id}/messages answered with a MessageDto, pushed as "message" to the team's group over WebSockets
/// with the JSON protocol, same keep-alive), minus the database, LISTEN/NOTIFY, authentication and a second replica.
/// A connection names its team in the query string (?team=...).
/// </summary>
internal static class BareHub
{
    private static readonly UserDto s_author = new("00000000-0000-0000-0000-000000000001", "bare", "bare");

    public static async Task<int> RunAsync(int port, int maxSeconds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR(options =>
        {
            options.MaximumReceiveMessageSize = 4 * 1024;
            options.KeepAliveInterval = TimeSpan.FromSeconds(10);
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
        });
        var app = builder.Build();
        var seqs = new ConcurrentDictionary<string, long>();
        app.MapGet("/health/live", () => Results.Text("ok"));
        app.MapHub<Hub>(RealtimeMethods.HubPath);
        app.MapPost("/api/teams/{teamId}/messages", async (string teamId, PostMessageRequest request, IHubContext<Hub> hub, CancellationToken ct) =>
        {
            var seq = seqs.AddOrUpdate(teamId, 1, (_, s) => s + 1);
            var message = new MessageDto(Guid.CreateVersion7().ToString(), teamId, seq, s_author, request.Body ?? "", DateTimeOffset.UtcNow, null, false);
            await hub.Clients.Group(teamId).SendAsync(RealtimeMethods.Message, message, ct);
            return Results.Created($"/api/teams/{teamId}/messages/{message.Id}", message);
        });

        // Bounded: ends by itself after maxSeconds, or as soon as the bench that started it is gone.
        var parent = Environment.GetEnvironmentVariable("SQUADRA_BENCH_PARENT");
        using var lifetime = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
        _ = WatchParentAsync(parent, lifetime);
        await app.StartAsync(lifetime.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            // time is up, or the parent went away
        }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static async Task WatchParentAsync(string? parent, CancellationTokenSource lifetime)
    {
        if (!int.TryParse(parent, System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }
        while (!lifetime.IsCancellationRequested)
        {
            await Task.Delay(1000, CancellationToken.None);
            if (!Directory.Exists($"/proc/{pid}"))
            {
                await lifetime.CancelAsync();
            }
        }
    }

    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Starts this executable as "barehub" in its own process (server GC, like the API) and waits until it answers.</summary>
    public static async Task<Process> StartChildAsync(int port, HttpClient http, CancellationToken ct)
    {
        var self = Environment.ProcessPath ?? throw new BenchException("cannot find this executable");
        var info = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(BareHub).Assembly.Location);
        }
        foreach (var arg in new[] { "barehub", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-seconds", "3600" })
        {
            info.ArgumentList.Add(arg);
        }
        // Configured as the API is (server GC, tiered compilation), not as the load generator.
        info.Environment["DOTNET_gcServer"] = "1";
        info.Environment["DOTNET_TieredCompilation"] = "1";
        info.Environment.Remove(InlineCompletionsVariable);
        info.Environment["SQUADRA_BENCH_PARENT"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new BenchException("could not start the bare hub");
        var health = new Uri($"http://127.0.0.1:{port}/health/live");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new BenchException($"the bare hub exited with {process.ExitCode} (port {port} taken?)");
            }
            try
            {
                using var response = await http.GetAsync(health, ct);
                if (response.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200, ct);
        }
        process.Kill();
        process.Dispose();
        throw new BenchException("the bare hub did not answer within 30 s");
    }

    /// <summary>Joins the group named in the query string; "Ready" returns once that is done, as in Squadra.</summary>
    internal sealed class Hub : Microsoft.AspNetCore.SignalR.Hub
    {
        public override async Task OnConnectedAsync()
        {
            var team = Context.GetHttpContext()?.Request.Query["team"].ToString();
            if (!string.IsNullOrEmpty(team))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, team, Context.ConnectionAborted);
            }
            await base.OnConnectedAsync();
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "SignalR invokes instance methods only.")]
        public Task Ready() => Task.CompletedTask;
    }
}
