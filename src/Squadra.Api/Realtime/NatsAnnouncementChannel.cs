using System.Text;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Prometheus;
using Squadra.Api.Operations;

namespace Squadra.Api.Realtime;

/// <summary>
/// <c>Realtime:Channel = nats</c>: announcements on a NATS cluster, core publish/subscribe (at most once: they are hints),
/// one subject per topic (<see cref="NatsSubjects"/>). Each announcement goes to the subject of each of its event's
/// topics, and this replica hears only the subjects of its own connections (<see cref="NatsTopicSubscriptions"/>), so
/// it no longer decodes the whole cluster's traffic. The client fails over between the cluster's servers by itself;
/// each time it is connected again, the replica catches up from the database as after a LISTEN reconnect. While it is
/// away, announcements are dropped (the sweep delivers what they named) and the replica is not ready.
/// </summary>
internal sealed class NatsAnnouncementChannel : IAnnouncementChannel, IAsyncDisposable
{
    // An announcement that cannot go out at once is dropped, not queued behind a dead server: the sweep is faster.
    private static readonly TimeSpan s_sendTimeout = TimeSpan.FromSeconds(1);

    private static readonly Counter s_reconnects = Metrics.CreateCounter(
        "squadra_nats_reconnects_total", "Times this replica's NATS connection was re-established after it broke (a NATS server killed or restarted).");

    private readonly NatsConnection _connection;
    private readonly NatsSubjects _subjects;
    private readonly NatsTopicSubscriptions _subscriptions;
    private readonly ILogger<NatsAnnouncementChannel> _logger;
    private volatile bool _connected;
    private volatile bool _lost;

    public NatsAnnouncementChannel(
        IOptions<AnnouncementChannelOptions> options,
        IOptions<ReplicaOptions> replica,
        ConnectionRegistry registry,
        FanoutQueue events,
        FanoutPayloads payloads,
        ILoggerFactory loggers)
    {
        var nats = options.Value.Nats;
        _logger = loggers.CreateLogger<NatsAnnouncementChannel>();
        _connection = new NatsConnection(NatsOpts.Default with
        {
            Url = nats.Url,
            Name = $"squadra-{replica.Value.Name}",
            LoggerFactory = loggers,
            // A killed server is left for another of the list at once; the first try comes fast, later ones back off.
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            ReconnectJitter = TimeSpan.FromMilliseconds(100),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            // A frozen server (no socket error) is found dead in ~10 s.
            PingInterval = TimeSpan.FromSeconds(5),
            MaxPingOut = 2,
            RetryOnInitialConnect = true,
        });
        _subjects = new NatsSubjects(nats.SubjectPrefix);
        _subscriptions = new NatsTopicSubscriptions(_connection, _subjects, registry, events, payloads, _logger);
        _connection.ConnectionOpened += OnOpenedAsync;
        _connection.ConnectionDisconnected += OnDisconnectedAsync;
    }

    public async Task SendAsync(IReadOnlyList<Announcement> batch, CancellationToken ct)
    {
        if (_connection.ConnectionState != NatsConnectionState.Open)
        {
            throw new InvalidOperationException($"the NATS connection is {_connection.ConnectionState}");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(s_sendTimeout);
        foreach (var announcement in batch)
        {
            var data = Encoding.UTF8.GetBytes(announcement.Payload);
            var headers = NatsTopicSubscriptions.HeadersFor(announcement);
            foreach (var topic in announcement.Topics)
            {
                await _connection.PublishAsync(_subjects.Of(topic), data, headers, cancellationToken: timeout.Token);
            }
        }
    }

    public async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        // With RetryOnInitialConnect the client keeps trying the servers until one answers.
        await _connection.ConnectAsync().AsTask().WaitAsync(stoppingToken);
        _connected = true;
        _subscriptions.Opened();
        await _subscriptions.RunAsync(stoppingToken);
    }

    public Task SubscribedAsync(CancellationToken ct) => _subscriptions.SettledAsync(ct);

    public string? Deafness =>
        _connection.ConnectionState != NatsConnectionState.Open ? $"The NATS connection is {_connection.ConnectionState}."
        : !_connected ? "The NATS connection is not set up yet."
        : null;

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private ValueTask OnOpenedAsync(object? sender, NatsEventArgs args)
    {
        // The client raises this for its first connect too (ReceiveAsync's): only a connection that was lost counts.
        if (_connected && _lost)
        {
            _lost = false;
            // What was announced meanwhile is read from the database.
            s_reconnects.Inc();
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("NATS connection re-established ({Server}); catching up", args.Message);
            }
            _subscriptions.Opened();
        }
        return ValueTask.CompletedTask;
    }

    private ValueTask OnDisconnectedAsync(object? sender, NatsEventArgs args)
    {
        _lost = true;
        _logger.LogWarning("NATS connection lost ({Reason}); announcements are dropped until it is back, the sweep covers them", args.Message);
        return ValueTask.CompletedTask;
    }
}
