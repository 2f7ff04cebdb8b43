using System.Text.Json;
using System.Threading.Channels;
using NATS.Client.Core;

namespace Squadra.Api.Realtime;

/// <summary>
/// Keeps this replica subscribed to exactly the subjects of its connections' topics (<see cref="ConnectionRegistry.Wants"/>)
/// and the broadcast subject, and queues what they deliver. One task applies every change in turn, so a topic whose
/// first and last connection race ends in the state the registry holds last. What a new subscription misses before
/// the server has it is read by the sweep, or by the client's catch-up after its Ready.
/// </summary>
internal sealed class NatsTopicSubscriptions
{
    private const string IdHeader = "Squadra-Announcement";
    private static readonly TimeSpan s_subscribeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_retryEvery = TimeSpan.FromSeconds(5);

    private readonly INatsConnection _connection;
    private readonly NatsSubjects _subjects;
    private readonly ConnectionRegistry _registry;
    private readonly FanoutQueue _events;
    private readonly FanoutPayloads _payloads;
    private readonly ILogger _logger;
    private readonly RecentAnnouncementIds _recent = new();
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    // Touched by the one task of RunAsync only.
    private readonly Dictionary<FanoutTopic, INatsSub<byte[]>> _subscribed = [];
    private bool _incomplete;

    public NatsTopicSubscriptions(INatsConnection connection, NatsSubjects subjects, ConnectionRegistry registry, FanoutQueue events, FanoutPayloads payloads, ILogger logger)
    {
        (_connection, _subjects, _registry, _events, _payloads, _logger) = (connection, subjects, registry, events, payloads, logger);
        registry.InterestChanged += topic => _work.Writer.TryWrite(new Work.Reconsider(topic));
    }

    /// <summary>The header that marks an announcement published to several subjects, with its id.</summary>
    public static NatsHeaders? HeadersFor(Announcement announcement) =>
        announcement.Topics.Count > 1 ? new NatsHeaders { [IdHeader] = Guid.NewGuid().ToString("N") } : null;

    /// <summary>
    /// After every (re)connect: subscribe to whatever the registry wants (the client re-sent the old subscriptions
    /// itself), wait until the server has them (a PING's PONG comes after), then catch up from the database.
    /// </summary>
    public void Opened() => _work.Writer.TryWrite(new Work.Reopened());

    /// <summary>Returns once every change the registry reported before this call is applied (or after a few seconds, NATS being away).</summary>
    public async Task SettledAsync(CancellationToken ct)
    {
        var settled = new Work.Marker(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _work.Writer.TryWrite(settled);
        try
        {
            await settled.Done.Task.WaitAsync(s_subscribeTimeout, ct);
        }
        catch (TimeoutException)
        {
            // NATS is away: the connection is served anyway, and the sweep brings what it misses.
        }
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using var retry = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            if (_incomplete)
            {
                retry.CancelAfter(s_retryEvery);
            }
            Work work;
            try
            {
                work = await _work.Reader.ReadAsync(retry.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                work = new Work.ReconcileAll();
            }
            switch (work)
            {
                case Work.Reconsider(var topic):
                    await ApplyAsync(topic, _registry.Wants(topic), stoppingToken);
                    break;
                case Work.Marker(var done):
                    done.TrySetResult();
                    break;
                case Work.ReconcileAll:
                    await ReconcileAllAsync(stoppingToken);
                    break;
                case Work.Reopened:
                    await ReconcileAllAsync(stoppingToken);
                    await FenceAsync(stoppingToken);
                    _events.Enqueue(new CatchUpRequested());
                    break;
            }
        }
    }

    private async Task ReconcileAllAsync(CancellationToken ct)
    {
        _incomplete = false;
        var wanted = _registry.WantedTopics().ToHashSet();
        foreach (var topic in wanted.Concat(_subscribed.Keys).ToList())
        {
            await ApplyAsync(topic, wanted.Contains(topic), ct);
        }
    }

    private async Task ApplyAsync(FanoutTopic topic, bool wanted, CancellationToken ct)
    {
        var subscribed = _subscribed.TryGetValue(topic, out var subscription);
        try
        {
            if (wanted && !subscribed)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(s_subscribeTimeout);
                var added = await _connection.SubscribeCoreAsync<byte[]>(_subjects.Of(topic), cancellationToken: timeout.Token);
                _subscribed[topic] = added;
                _ = ReadAsync(added);
            }
            else if (!wanted && subscribed)
            {
                _subscribed.Remove(topic);
                await subscription!.DisposeAsync();
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Tried again in a few seconds and at the next reconnect; meanwhile the sweep covers the topic.
            _incomplete = true;
            _logger.LogWarning("Could not {Change} NATS subject {Subject} ({Error})", wanted ? "subscribe to" : "unsubscribe from", _subjects.Of(topic), e.Message);
        }
    }

    private async Task FenceAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(s_subscribeTimeout);
            await _connection.PingAsync(timeout.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _logger.LogWarning("NATS did not answer a ping after connecting ({Error}); catching up anyway", e.Message);
        }
    }

    /// <summary>One task per subscription, so each subject's announcements stay in the order they were published.</summary>
    private async Task ReadAsync(INatsSub<byte[]> subscription)
    {
        try
        {
            await foreach (var message in subscription.Msgs.ReadAllAsync())
            {
                Hear(message);
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning("NATS subscription {Subject} ended ({Error})", subscription.Subject, e.Message);
        }
    }

    private void Hear(NatsMsg<byte[]> message)
    {
        if (message.Data is not { } data
            || (message.Headers is { } headers && headers.TryGetValue(IdHeader, out var id) && !_recent.FirstTime(id.ToString())))
        {
            return;
        }
        try
        {
            if (_payloads.Read(data) is { } fanoutEvent)
            {
                FanoutMetrics.Received.Inc();
                _events.Enqueue(fanoutEvent);
            }
        }
        catch (Exception error) when (error is JsonException or NotSupportedException)
        {
            _logger.LogError(error, "Ignoring an unreadable fan-out payload on {Subject}", message.Subject);
        }
    }

    private abstract record Work
    {
        public sealed record Reconsider(FanoutTopic Topic) : Work;

        public sealed record Marker(TaskCompletionSource Done) : Work;

        public sealed record ReconcileAll : Work;

        public sealed record Reopened : Work;
    }
}
