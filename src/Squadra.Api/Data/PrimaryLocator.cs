using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Prometheus;

namespace Squadra.Api.Data;

/// <summary>
/// Knows which database node is the primary by asking every node for its role several times a second, so that
/// the application's work goes straight to it. Npgsql's own multi-host selection is not enough when a primary
/// hangs rather than dies: the kernel still accepts connections to a frozen server, so each attempt on it waits
/// for a timeout, and work already running there waits for its command timeout, while the standby has long been
/// promoted. Here, the moment another node answers as a writable primary on a newer timeline, work goes there
/// and whatever is still waiting on the old one is abandoned (<see cref="PrimaryTarget.Abandoned"/>) and retried.
/// A node that answered as primary is left only for a node that answers too; a primary woken up on an older
/// timeline is never taken again.
/// </summary>
internal sealed class PrimaryLocator : BackgroundService
{
    private static readonly Counter s_switches = Metrics.CreateCounter(
        "squadra_database_primary_switches_total", "Times this replica moved its database work to another node taken for the primary.");

    private readonly PrimaryLocatorOptions _options;
    private readonly ILogger<PrimaryLocator> _logger;
    private readonly NodeProbe[] _nodes;
    private readonly SemaphoreSlim[] _wakeUps;
    private readonly Dictionary<NodeProbe, CancellationTokenSource> _terms = [];
    private readonly Lock _choosing = new();
    private NodeProbe? _chosen;
    private long _chosenTimeline;
    private volatile PrimaryTarget? _current;

    public PrimaryLocator(IOptions<DatabaseOptions> database, IOptions<PrimaryLocatorOptions> options, ILoggerFactory loggerFactory, ILogger<PrimaryLocator> logger)
    {
        _options = options.Value;
        _logger = logger;
        _nodes = [.. DatabaseNodes.Parse(database.Value.Hosts).Select(node => new NodeProbe(
            node.Host,
            node.Port,
            ProbeSource(database.Value, node.Host, node.Port, _options.ProbeTimeout),
            new NpgsqlDataSourceBuilder(DatabaseNodes.On(database.Value, node.Host, node.Port).ConnectionString).UseLoggerFactory(loggerFactory).Build()))];
        _wakeUps = [.. _nodes.Select(_ => new SemaphoreSlim(0, 1))];
        foreach (var node in _nodes)
        {
            _terms[node] = new CancellationTokenSource();
        }
    }

    /// <summary>The node taken for the primary, or null while none has answered as one yet.</summary>
    public PrimaryTarget? Current => _current;

    /// <summary>Every database node with what it last answered (asked every <see cref="PrimaryLocatorOptions.ProbeInterval"/>).</summary>
    public IReadOnlyList<NodeProbe> Nodes => _nodes;

    /// <summary>
    /// Whether the node taken for the primary answers as a writable primary now: it is asked again, and the
    /// answer waited for (no longer than a probe's timeout).
    /// </summary>
    public async Task<bool> CurrentAnswersNowAsync(CancellationToken ct)
    {
        if (_chosen is not { } node)
        {
            return false;
        }
        var askedAt = Stopwatch.GetTimestamp();
        LookNow();
        while (node.LastProbeStartedAt < askedAt && Stopwatch.GetElapsedTime(askedAt) < Freshness)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), ct);
        }
        return node.LastProbeStartedAt >= askedAt && node.Writable && _chosen == node;
    }

    private TimeSpan Freshness => _options.ProbeTimeout + _options.ProbeInterval;

    /// <summary>Asks every node again now rather than at the next interval (work has just failed on the current one).</summary>
    public void LookNow()
    {
        foreach (var wakeUp in _wakeUps)
        {
            if (wakeUp.CurrentCount == 0)
            {
                try
                {
                    wakeUp.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another caller woke it first.
                }
            }
        }
    }

    /// <summary>Returns once every node has been asked once (or a probe's timeout has passed): the replica then serves knowing the primary.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        var startedAt = Stopwatch.GetTimestamp();
        while (_nodes.Any(node => node.LastProbeStartedAt == 0) && Stopwatch.GetElapsedTime(startedAt) < Freshness)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_nodes.Select((node, i) => WatchAsync(node, _wakeUps[i], stoppingToken)));

    public override void Dispose()
    {
        base.Dispose();
        foreach (var node in _nodes)
        {
            node.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _terms[node].Dispose();
        }
        foreach (var wakeUp in _wakeUps)
        {
            wakeUp.Dispose();
        }
    }

    // One loop per node, so that a node that does not answer never delays what the others say.
    private async Task WatchAsync(NodeProbe node, SemaphoreSlim wakeUp, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await node.ProbeAsync(_options.ProbeTimeout, ct);
            Choose();
            try
            {
                await wakeUp.WaitAsync(_options.ProbeInterval, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Choose()
    {
        var freshness = Freshness;
        NodeProbe? previous;
        NodeProbe candidate;
        CancellationTokenSource? abandonedTerm = null;
        lock (_choosing)
        {
            previous = _chosen;
            var keep = previous is not null && previous.IsWritableWithin(freshness);
            if (keep)
            {
                _chosenTimeline = Math.Max(_chosenTimeline, previous!.Timeline);
            }
            // While the chosen node answers, only a newer primary replaces it (a failover it has not noticed yet);
            // once it stops answering, any primary at least as new does.
            var found = _nodes
                .Where(node => node != previous && node.IsWritableWithin(freshness)
                    && (keep ? node.Timeline > _chosenTimeline : node.Timeline >= _chosenTimeline))
                .MaxBy(node => node.Timeline);
            if (found is null)
            {
                return;
            }

            candidate = found;
            if (previous is not null)
            {
                abandonedTerm = _terms[previous];
                _terms[previous] = new CancellationTokenSource();
            }
            _chosen = candidate;
            _chosenTimeline = candidate.Timeline;
            _current = new PrimaryTarget(candidate.Host, candidate.Port, candidate.Timeline, candidate.DataSource, _terms[candidate].Token);
        }

        if (previous is null)
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Database primary is {Host}:{Port} (timeline {Timeline})", candidate.Host, candidate.Port, candidate.Timeline);
            }
            return;
        }
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            _logger.LogWarning("Database primary is now {Host}:{Port} (timeline {Timeline}); work still running on {OldHost}:{OldPort} is abandoned and retried",
                candidate.Host, candidate.Port, candidate.Timeline, previous.Host, previous.Port);
        }
        s_switches.Inc();
        Abandon(previous, abandonedTerm!);
    }

    private void Abandon(NodeProbe node, CancellationTokenSource term)
    {
        try
        {
            term.Cancel();
        }
        catch (AggregateException e)
        {
            _logger.LogWarning(e, "Abandoning the work on {Host}:{Port} raised errors", node.Host, node.Port);
        }
        finally
        {
            term.Dispose();
        }
        // Idle connections there belong to a server that is frozen, demoted or on an old timeline.
        node.DataSource.Clear();
    }

    private static NpgsqlDataSource ProbeSource(DatabaseOptions database, string host, int port, TimeSpan probeTimeout)
    {
        var probe = DatabaseNodes.On(database, host, port);
        probe.Pooling = false;
        probe.Timeout = Math.Max(1, (int)Math.Ceiling(probeTimeout.TotalSeconds));
        probe.ApplicationName = "squadra-primary-locator";
        // The probe's own deadline is PrimaryLocatorOptions.ProbeTimeout; it must not wait for a frozen server's
        // answer to its cancellation either.
        probe.CancellationTimeout = -1;
        return NpgsqlDataSource.Create(probe);
    }
}
