using System.Net.Http.Headers;
using Squadra.Client;
using Squadra.E2E.Browser;
using Squadra.Contracts.Accounts;
using Squadra.Testing;

namespace Squadra.E2E.Infrastructure;

/// <summary>
/// The whole system started by ./run.sh, exactly as an operator starts it, but in its own state
/// directory and on its own ports so it never touches a developer's stack. Stopped and removed after the run.
/// </summary>
public sealed class RunningStack : IAsyncLifetime
{
    public const int GatewayPort = 28080;
    public const int FrontendPort = 23000;
    public const int Api1Port = 25000;
    public const int Api2Port = 25001;
    public const int MailUiPort = 25080;
    public const int MailSmtpPort = 22525;

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), $"squadra-e2e-{Guid.NewGuid():N}"[..24]);

    public Uri Gateway { get; } = new($"http://127.0.0.1:{GatewayPort}");

    /// <summary>The stack's mail catcher (smtp4dev, started by ./run.sh): every email the stack sent, read through <see cref="MailCatcherApi"/>.</summary>
    public Uri MailApi { get; } = new($"http://127.0.0.1:{MailUiPort}/");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["SQUADRA_STATE_DIR"] = StateDirectory,
        ["SQUADRA_GATEWAY_PORT"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SQUADRA_FRONTEND_PORT"] = FrontendPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SQUADRA_API1_PORT"] = Api1Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SQUADRA_API2_PORT"] = Api2Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SQUADRA_PG_MONITOR_PORT"] = "25431",
        ["SQUADRA_PG1_PORT"] = "25432",
        ["SQUADRA_PG2_PORT"] = "25433",
        ["SQUADRA_MAIL_UI_PORT"] = MailUiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SQUADRA_MAIL_SMTP_PORT"] = MailSmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // ./test.sh installs the packages once before any test runs.
        ["SQUADRA_SKIP_INSTALL"] = "1",
        // Every test registers and logs in from 127.0.0.1 through the gateway, and some post as fast as they
        // can: the production limits (10 logins a minute, 30 accounts an hour per address) would refuse them.
        ["SQUADRA_LOGIN_PERMIT_LIMIT"] = "10000",
        ["SQUADRA_REGISTER_PERMIT_LIMIT"] = "100000",
        ["SQUADRA_WRITES_PER_MINUTE"] = "1000000",
    };

    public async Task InitializeAsync()
    {
        var output = await RunScriptAsync([], TimeSpan.FromMinutes(8));
        Assert.Contains($"http://localhost:{GatewayPort}", output, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await RunScriptAsync(["stop"], TimeSpan.FromMinutes(2));
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless.
        }
    }

    /// <summary>Runs ./run.sh with this stack's settings and returns its output; fails on a non-zero exit.</summary>
    public Task<string> RunScriptAsync(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ProcessRunner.RunCheckedAsync(Path.Combine(RepositoryRoot.Path, "run.sh"), arguments, Environment.ToDictionary(), RepositoryRoot.Path, timeout);

    public async Task<int> ProcessIdAsync(string program)
    {
        var output = await ProcessRunner.RunCheckedAsync("supervisorctl",
            ["-c", Path.Combine(StateDirectory, "supervisor", "supervisord.conf"), "pid", program]);
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public HttpClient Client(int? port = null) => new()
    {
        BaseAddress = port is null ? Gateway : new Uri($"http://127.0.0.1:{port}"),
        Timeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>Whether the replica behind this client answers /health/ready now (a refused connection is "no").</summary>
    public static async Task<bool> IsReadyAsync(HttpClient replica)
    {
        try
        {
            using var response = await replica.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>
    /// A new account named <paramref name="usernamePrefix"/> and a random tail, as every test of a run shares the stack's
    /// database: 16 hex digits, or 4 when the caller chose a name a person would (the screenshots show it).
    /// </summary>
    public static async Task<LoginResponse> SignUpAsync(HttpClient client, string? displayName = null, string? usernamePrefix = null)
    {
        var tail = Guid.NewGuid().ToString("N")[..(usernamePrefix is null ? 16 : 4)];
        var username = (usernamePrefix ?? "e2e_") + tail;
        const string password = "correct horse battery";
        var anonymous = ApiCalls.As(client, who: null);
        await anonymous.RegisterAsync(new RegisterRequest(username, password, displayName)).ValueOrThrowAsync();
        return await anonymous.LoginAsync(new LoginRequest(username, password)).ValueOrThrowAsync();
    }

    public static HttpRequestMessage Authorized(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}

/// <summary>The stack, and the one Chromium the browser journeys open their contexts in.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<RunningStack>, ICollectionFixture<SharedBrowser>
{
    public const string Name = "stack";
}
