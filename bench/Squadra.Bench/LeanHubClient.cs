using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Squadra.Contracts.Realtime;

namespace Squadra.Bench;

/// <summary>
/// One simulated member's hub connection, as lean as a client can be while speaking the real protocol: a
/// <see cref="ClientWebSocket"/> (no negotiation, as the browser app), SignalR's own handshake and
/// <see cref="JsonHubProtocol"/> for every frame, one receive loop that parses and counts in place.
/// Why not <c>HubConnection</c>: with 2,000 of them in one process the official client passes each message
/// through a transport loop, a pipe, a receive loop and an invocation loop (a thread-pool hop each) and runs a
/// timer per connection; measured on this 2-core machine it took 50-60 % of a core at 5,000 deliveries/s, the
/// same CPU the server under test needs. This one does a receive and a parse per message; keep-alive pings are
/// sent for the whole fleet by <see cref="HubFleet"/>.
/// </summary>
internal sealed class LeanHubClient : IAsyncDisposable, IInvocationBinder
{
    private static readonly JsonHubProtocol s_protocol = new();
    private static readonly TimeSpan s_handshakeTimeout = TimeSpan.FromSeconds(30);
    private static readonly Type[] s_messageArgument = [typeof(BenchMessage)];
    private static readonly Type[] s_otherArgument = [typeof(System.Text.Json.JsonElement)];
    private static readonly Type[] s_typingArgument = [typeof(BenchTyping)];

    private readonly ClientWebSocket _socket = new();
    private readonly Action<BenchMessage> _onMessage;
    private readonly Action<Exception> _onLost;
    private readonly Action<string, BenchTyping?>? _onSignal;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task _receiving = Task.CompletedTask;
    private TaskCompletionSource<CompletionMessage>? _readyCompletion;

    /// <param name="onSignal">
    /// Called with the method name of each <c>typing</c> and <c>presence</c> push (issue 19), and for typing who typed.
    /// </param>
    public LeanHubClient(ClientSpec spec, Action<BenchMessage> onMessage, Action<Exception> onLost, Action<string, BenchTyping?>? onSignal = null)
    {
        Spec = spec;
        _onMessage = onMessage;
        _onLost = onLost;
        _onSignal = onSignal;
        if (spec.Token is { } token)
        {
            _socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR's own pings keep the connection alive
    }

    public ClientSpec Spec { get; }

    /// <summary>Connects, does the handshake, and calls "Ready" (joins the team groups), as the browser app does.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(s_handshakeTimeout);
        var url = new UriBuilder(Spec.Url) { Scheme = Spec.Url.Scheme == "https" ? "wss" : "ws" }.Uri;
        await _socket.ConnectAsync(url, timeout.Token);

        var handshake = new ArrayBufferWriter<byte>();
        HandshakeProtocol.WriteRequestMessage(new HandshakeRequestMessage(s_protocol.Name, s_protocol.Version), handshake);
        await _socket.SendAsync(handshake.WrittenMemory, WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new ArrayBufferWriter<byte>(4096);
        var response = await ReceiveFrameAsync(buffer, ReadOnlySequence<byte>.Empty, timeout.Token);
        if (!HandshakeProtocol.TryParseResponseMessage(ref response, out var handshakeResponse) || handshakeResponse.Error is { } error)
        {
            throw new HubException($"handshake refused: {handshakeResponse?.Error ?? "unreadable answer"}");
        }

        _readyCompletion = new TaskCompletionSource<CompletionMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiving = ReceiveLoopAsync(buffer, response, _stopping.Token);
        await SendAsync(new InvocationMessage("1", RealtimeMethods.Ready, []), timeout.Token);
        var ready = await _readyCompletion.Task.WaitAsync(timeout.Token);
        if (ready.Error is { } readyError)
        {
            throw new HubException($"Ready failed: {readyError}");
        }
    }

    public Task PingAsync(CancellationToken ct) =>
        _socket.State == WebSocketState.Open ? SendAsync(PingMessage.Instance, ct) : Task.CompletedTask;

    /// <summary>
    /// Fire and forget, as SignalR's <c>SendAsync</c>: an invocation without an invocation id, which the server
    /// answers with nothing (a failure on its side is not reported back either).
    /// </summary>
    public Task SendInvocationAsync(string method, object? argument, CancellationToken ct) =>
        SendAsync(new InvocationMessage(method, [argument]), ct);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing a connection that is already gone.
        }
        try
        {
            await _receiving;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The loop ends with the socket.
        }
        _socket.Dispose();
        _stopping.Dispose();
        _sending.Dispose();
    }

    Type IInvocationBinder.GetReturnType(string invocationId) => typeof(object);

    // Every push has one argument. Those the bench does not read (notifications of the population's invitations,
    // event changes) are bound as a bare JSON element and skipped; a binder that threw killed the receive loop.
    // Presence pushes are bound the same way: they are only counted; a typing push's typist is read to time it.
    IReadOnlyList<Type> IInvocationBinder.GetParameterTypes(string methodName) => methodName switch
    {
        RealtimeMethods.Message or RealtimeMethods.MessageUpdated => s_messageArgument,
        RealtimeMethods.Typing => s_typingArgument,
        _ => s_otherArgument,
    };

    Type IInvocationBinder.GetStreamItemType(string streamId) => typeof(object);

    private async Task SendAsync(HubMessage message, CancellationToken ct)
    {
        var frame = s_protocol.GetMessageBytes(message);
        await _sending.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// Reads one whole WebSocket message after <paramref name="unread"/>, the end of the previous one that held no
    /// complete hub message (the protocol does not promise that a hub message ends with its WebSocket message).
    /// </summary>
    private async Task<ReadOnlySequence<byte>> ReceiveFrameAsync(ArrayBufferWriter<byte> buffer, ReadOnlySequence<byte> unread, CancellationToken ct)
    {
        var carried = unread.IsEmpty ? null : unread.ToArray();
        buffer.ResetWrittenCount();
        if (carried is not null)
        {
            buffer.Write(carried);
        }
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "the server closed the connection");
            }
            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return new ReadOnlySequence<byte>(buffer.WrittenMemory);
            }
        }
    }

    private async Task ReceiveLoopAsync(ArrayBufferWriter<byte> buffer, ReadOnlySequence<byte> rest, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                while (s_protocol.TryParseMessage(ref rest, this, out var message))
                {
                    Handle(message);
                }
                rest = await ReceiveFrameAsync(buffer, rest, ct);
            }
        }
        catch (Exception e)
        {
            // Whatever ends the loop ends the connection's usefulness: counted, never silent.
            _readyCompletion?.TrySetException(e);
            if (!ct.IsCancellationRequested)
            {
                _onLost(e);
            }
        }
    }

    private void Handle(HubMessage message)
    {
        switch (message)
        {
            case InvocationMessage { Target: RealtimeMethods.Message, Arguments: [BenchMessage pushed] }:
                _onMessage(pushed);
                break;
            case InvocationMessage { Target: RealtimeMethods.Typing, Arguments: [BenchTyping typing] }:
                _onSignal?.Invoke(RealtimeMethods.Typing, typing);
                break;
            case InvocationMessage { Target: RealtimeMethods.Presence }:
                _onSignal?.Invoke(RealtimeMethods.Presence, null);
                break;
            case CompletionMessage completion when completion.InvocationId == "1":
                _readyCompletion?.TrySetResult(completion);
                break;
            case CloseMessage close:
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, $"the hub closed the connection: {close.Error}");
            default:
                break; // pings, and pushes the bench does not read (bound as failures, skipped)
        }
    }
}
