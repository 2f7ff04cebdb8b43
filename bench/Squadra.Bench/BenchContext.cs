using System.Diagnostics;

namespace Squadra.Bench;

/// <summary>What every scenario shares: the HTTP client, the stack's processes, the users, the hub connections, the bare hub child.</summary>
internal sealed class BenchContext : IAsyncDisposable
{
    private Process? _bareHub;

    private BenchContext(BenchOptions options, SquadraClient client, StackInfo stack)
    {
        Options = options;
        Client = client;
        Stack = stack;
        var groups = stack.Groups();
        groups.Add(new ProcGroup("barehub", () => _bareHub is { HasExited: false } p ? [p.Id] : []));
        Proc = new ProcStats(groups);
        Both = new FanoutTarget("squadra, " + Scenarios.AllReplicas(options.Api.Count), options.Api, Bare: false);
        Single = new FanoutTarget("squadra, 1 replica", [options.Api[0]], Bare: false);
    }

    public BenchOptions Options { get; }

    public SquadraClient Client { get; }

    public StackInfo Stack { get; }

    public ProcStats Proc { get; }

    public Population? Population { get; set; }

    public HubFleet Fleet { get; } = new();

    public FanoutTarget Both { get; }

    public FanoutTarget Single { get; }

    public string StartLoad { get; private set; } = "?";

    public static async Task<BenchContext> CreateAsync(BenchOptions options, CancellationToken ct)
    {
        var client = new SquadraClient(options.Api);
        foreach (var replica in options.Api)
        {
            try
            {
                using var response = await SquadraClient.CreateHttp(4).GetAsync(new Uri(replica, "/health/ready"), ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new BenchException($"{replica} is not ready ({(int)response.StatusCode}): start the stack first");
                }
            }
            catch (HttpRequestException e)
            {
                throw new BenchException($"{replica} does not answer ({e.Message}): start the stack first, and pass --api");
            }
        }
        var stack = await StackInfo.DiscoverAsync(options.State, options.Api, ct);
        var context = new BenchContext(options, client, stack) { StartLoad = await ProcStats.LoadAverageAsync() };
        return context;
    }

    /// <summary>The processes that serve a target: every replica (one that holds no connection still hears every NOTIFY), or the bare hub.</summary>
    public IReadOnlyList<string> ServerNames(FanoutTarget target) => target.Bare ? ["barehub"] : [.. Stack.ApiNames];

    public async Task<FanoutTarget> StartBareHubAsync(int port, CancellationToken ct)
    {
        await StopBareHubAsync();
        _bareHub = await BareHub.StartChildAsync(port, SquadraClient.CreateHttp(4), ct);
        return new FanoutTarget("bare hub", [new Uri($"http://127.0.0.1:{port}")], Bare: true);
    }

    public async Task StopBareHubAsync()
    {
        if (_bareHub is { } process)
        {
            _bareHub = null;
            if (!process.HasExited)
            {
                process.Kill();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    // reported by the OS soon enough; nothing else to do
                }
            }
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        await StopBareHubAsync();
        Client.Dispose();
    }
}
