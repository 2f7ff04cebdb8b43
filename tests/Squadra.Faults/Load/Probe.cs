using System.Globalization;
using System.Net.Http.Headers;
using Squadra.Faults.Infrastructure;

namespace Squadra.Faults.Load;

/// <summary>
/// Asks the gateway the same GET again and again (every <paramref name="interval"/>) and counts what
/// failed: an API read (a team's newest messages) or the browser app's page (the frontend node).
/// </summary>
public sealed class Probe(Uri gateway, string path, Session? session, RequestKind kind, TimeSpan interval, RequestLog log)
{
    public static Probe ApiReads(Uri gateway, Session reader, string teamId, RequestLog log) =>
        new(gateway, $"/api/teams/{teamId}/messages?limit=20", reader, RequestKind.Read, TimeSpan.FromMilliseconds(50), log);

    public static Probe Page(Uri gateway, RequestLog log) =>
        new(gateway, "/", null, RequestKind.Page, TimeSpan.FromMilliseconds(100), log);

    public async Task RunAsync(CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (session is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(path, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    log.Succeeded(kind);
                }
                else
                {
                    log.Failed(kind, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                log.Failed(kind, Writer.Describe(e));
            }
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
