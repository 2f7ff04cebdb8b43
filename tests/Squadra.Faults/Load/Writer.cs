using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.Faults.Infrastructure;

namespace Squadra.Faults.Load;

public enum WriteKind
{
    Message,
    Event,
}

/// <summary>
/// One write and its fate (<see cref="TeamId"/>: the team's or the DM's id): first tried at <see cref="FirstTry"/>, retried with the same Idempotency-Key
/// until acknowledged (201) at <see cref="Acknowledged"/>. <see cref="Text"/> (message body or event
/// title) is unique, so the database can be searched for it.
/// </summary>
public sealed record WriteRecord(
    WriteKind Kind, string TeamId, string Key, string Text, TimeSpan FirstTry, TimeSpan? Acknowledged,
    int Attempts, string? Id, long? Seq, string? Refusal)
{
    public TimeSpan? Latency => Acknowledged - FirstTry;
}

/// <summary>
/// A writer posting chat messages and creating events (one in five, in teams only) in its teams and DMs, one at a time, each
/// retried with its Idempotency-Key every 100 ms until acknowledged, as a client that must not lose its
/// write does. Answers that are not worth a retry (4xx) end the write as refused: a bug to report.
/// </summary>
public sealed class Writer(int index, Session session, IReadOnlyList<Chat> chats, Uri gateway, RequestLog log, string runLabel)
{
    /// <summary>A write not acknowledged by then is given up and reported.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan s_pause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentQueue<WriteRecord> _writes = new();

    public IReadOnlyList<WriteRecord> Writes => [.. _writes];

    /// <summary>Writes until <paramref name="stop"/>; the write in progress then is still carried to its end.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var chat = chats[(n + index) % chats.Count];
            var kind = n % 5 == 0 && !chat.IsDm ? WriteKind.Event : WriteKind.Message;
            var text = string.Create(CultureInfo.InvariantCulture, $"{runLabel} w{index} #{n}");
            _writes.Enqueue(await WriteAsync(client, kind, chat, text));
            try
            {
                await Task.Delay(s_pause, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<WriteRecord> WriteAsync(HttpClient client, WriteKind kind, Chat chat, string text)
    {
        var teamId = chat.Id;
        var key = Guid.NewGuid().ToString();
        var first = log.Now;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, kind == WriteKind.Message ? chat.MessagesPath : $"/api/teams/{teamId}/events");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
                request.Headers.Add("Idempotency-Key", key);
                request.Content = kind == WriteKind.Message
                    ? JsonContent.Create(new PostMessageRequest(text))
                    : JsonContent.Create(new CreateEventRequest(text, "2030-01-01T10:00:00Z"));
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var now = log.Now;
                    log.Succeeded(RequestKind.Write);
                    var (id, seq) = kind == WriteKind.Message
                        ? await response.Content.ReadFromJsonAsync<MessageDto>() is { } m ? (m.Id, (long?)m.Seq) : (null, null)
                        : (await response.Content.ReadFromJsonAsync<EventDto>())?.Id is { } e ? (e, (long?)null) : (null, null);
                    return new WriteRecord(kind, teamId, key, text, first, now, attempt, id, seq, null);
                }
                failure = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                {
                    log.Failed(RequestKind.Write, failure);
                    return new WriteRecord(kind, teamId, key, text, first, null, attempt, null, null,
                        $"{failure} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                failure = Describe(e);
            }
            log.Failed(RequestKind.Write, failure);
            if (log.Now - first > GiveUpAfter)
            {
                return new WriteRecord(kind, teamId, key, text, first, null, attempt, null, null, $"not acknowledged within {GiveUpAfter.TotalSeconds} s (last: {failure})");
            }
            await Task.Delay(s_retryDelay);
        }
    }

    /// <summary>A short name for what went wrong with a request that got no answer.</summary>
    public static string Describe(Exception e) => e switch
    {
        TaskCanceledException => "timeout",
        HttpRequestException { InnerException: SocketException socket } => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.ConnectionReset => "connection reset",
            var code => code.ToString(),
        },
        HttpRequestException { InnerException: IOException } => "connection closed",
        HttpRequestException { HttpRequestError: var error } => error.ToString(),
        _ => e.GetType().Name,
    };
}
