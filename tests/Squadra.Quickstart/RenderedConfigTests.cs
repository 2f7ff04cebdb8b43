using Squadra.Testing;

namespace Squadra.Quickstart;

/// <summary>
/// Every setting ./run.sh documents (README "Configuration") reaches what reads it: the nginx and supervisord
/// configs it renders (ports, state directory, login limit) and run.sh's own steps (start timeout, skip
/// switches), with nothing set and with other values. A default that never reached envsubst once made the
/// gateway's config "127.0.0.1:" while every suite, which sets its ports, passed.
/// </summary>
public sealed class RenderedConfigTests : IDisposable
{
    // A stand-in checkout: the repository's deploy/ under a root of its own, so the default state directory
    // (<root>/.state) is a fresh one and a developer's running stack is never touched.
    private readonly string _root = Directory.CreateTempSubdirectory("squadra-render-").FullName;

    public RenderedConfigTests()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "deploy"), Path.Combine(RepositoryRoot.Path, "deploy"));
        // The mail catcher's version comes from the tool manifest.
        File.CreateSymbolicLink(Path.Combine(_root, "dotnet-tools.json"), Path.Combine(RepositoryRoot.Path, "dotnet-tools.json"));
    }

    [Fact]
    public async Task With_nothing_set_the_defaults_reach_every_config()
    {
        var state = Path.Combine(_root, ".state");
        var seen = await RenderAsync(new Dictionary<string, string>());

        var nginx = await File.ReadAllTextAsync(Path.Combine(state, "nginx", "nginx.conf"));
        Assert.Contains("listen 127.0.0.1:8080;", nginx, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:5000 ", nginx, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:5001 ", nginx, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:3000 ", nginx, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:3001 ", nginx, StringComparison.Ordinal);
        Assert.Contains($"access_log {state}/logs/gateway-access.log", nginx, StringComparison.Ordinal);
        Assert.Contains("location = /api/cluster", nginx, StringComparison.Ordinal); // operations: replicas' ports only

        var supervisor = await File.ReadAllTextAsync(Path.Combine(state, "supervisor", "supervisord.conf"));
        Assert.Contains("ASPNETCORE_URLS=\"http://127.0.0.1:5000\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=\"http://127.0.0.1:5001\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=\"http://127.0.0.1:3000\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=\"http://127.0.0.1:3001\"", supervisor, StringComparison.Ordinal);
        Assert.Equal(["api-1", "api-2", "frontend-1", "frontend-2"], AppPrograms(supervisor));
        Assert.Contains("Database__Hosts=\"127.0.0.1:5432,127.0.0.1:5433\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("WATCHDOG_MONITOR_PORT=\"5431\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("RateLimiting__LoginPermitLimit=\"10\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("RateLimiting__RegisterPermitLimit=\"30\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("RateLimiting__WritesPerMinute=\"120\"", supervisor, StringComparison.Ordinal);
        Assert.Contains($"logfile={state}/logs/supervisord.log", supervisor, StringComparison.Ordinal);
        // The mail catcher, and both replicas sending to it, with links to the gateway.
        Assert.Contains($"command={_root}/.tools/smtp4dev-3.15.0/smtp4dev --urls=http://127.0.0.1:5080 --smtpport=2525 ", supervisor, StringComparison.Ordinal);
        Assert.Contains($"--db={state}/mail/smtp4dev.db", supervisor, StringComparison.Ordinal);
        Assert.Equal(2, Occurrences(supervisor,
            "Email__Enabled=\"true\",Email__AppBaseUrl=\"http://127.0.0.1:8080\",Email__Smtp__Host=\"127.0.0.1\",Email__Smtp__Port=\"2525\",Email__Smtp__Security=\"None\""));

        Assert.Equal("180", seen["SQUADRA_START_TIMEOUT"]);
        Assert.Equal("0", seen["SQUADRA_SKIP_INSTALL"]);
        Assert.Equal("0", seen["SQUADRA_SKIP_PUBLISH"]);
        Assert.Equal("0", seen["SQUADRA_GATEWAY_OPERATIONS"]);
        Assert.Equal(state, seen["SQUADRA_STATE_DIR"]);
    }

    [Fact]
    public async Task Other_values_reach_every_config()
    {
        var state = Path.Combine(_root, "elsewhere");
        var seen = await RenderAsync(new Dictionary<string, string>
        {
            ["SQUADRA_STATE_DIR"] = state,
            ["SQUADRA_GATEWAY_PORT"] = "18080",
            ["SQUADRA_FRONTEND_PORT"] = "13000",
            ["SQUADRA_API1_PORT"] = "15000",
            ["SQUADRA_API2_PORT"] = "15001",
            ["SQUADRA_PG_MONITOR_PORT"] = "15431",
            ["SQUADRA_PG1_PORT"] = "15432",
            ["SQUADRA_PG2_PORT"] = "15433",
            ["SQUADRA_MAIL_UI_PORT"] = "15080",
            ["SQUADRA_MAIL_SMTP_PORT"] = "12525",
            ["SQUADRA_LOGIN_PERMIT_LIMIT"] = "77",
            ["SQUADRA_REGISTER_PERMIT_LIMIT"] = "78",
            ["SQUADRA_WRITES_PER_MINUTE"] = "79",
            ["SQUADRA_START_TIMEOUT"] = "42",
            ["SQUADRA_SKIP_INSTALL"] = "1",
            ["SQUADRA_SKIP_PUBLISH"] = "1",
            ["SQUADRA_GATEWAY_OPERATIONS"] = "1",
        });

        var nginx = await File.ReadAllTextAsync(Path.Combine(state, "nginx", "nginx.conf"));
        Assert.Contains("listen 127.0.0.1:18080;", nginx, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:15000 ", nginx, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:15001 ", nginx, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:13000 ", nginx, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:13001 ", nginx, StringComparison.Ordinal);
        Assert.DoesNotContain(":8080", nginx, StringComparison.Ordinal);
        Assert.DoesNotContain("location = /api/cluster", nginx, StringComparison.Ordinal); // exposed by the operator

        var supervisor = await File.ReadAllTextAsync(Path.Combine(state, "supervisor", "supervisord.conf"));
        Assert.Contains("ASPNETCORE_URLS=\"http://127.0.0.1:15000\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=\"http://127.0.0.1:15001\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=\"http://127.0.0.1:13000\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("Database__Hosts=\"127.0.0.1:15432,127.0.0.1:15433\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("WATCHDOG_MONITOR_PORT=\"15431\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("RateLimiting__LoginPermitLimit=\"77\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("RateLimiting__RegisterPermitLimit=\"78\"", supervisor, StringComparison.Ordinal);
        Assert.Contains("RateLimiting__WritesPerMinute=\"79\"", supervisor, StringComparison.Ordinal);
        Assert.Contains($"logfile={state}/logs/supervisord.log", supervisor, StringComparison.Ordinal);
        Assert.Contains("--urls=http://127.0.0.1:15080 --smtpport=12525 ", supervisor, StringComparison.Ordinal);
        Assert.Equal(2, Occurrences(supervisor,
            "Email__Enabled=\"true\",Email__AppBaseUrl=\"http://127.0.0.1:18080\",Email__Smtp__Host=\"127.0.0.1\",Email__Smtp__Port=\"12525\","));
        Assert.DoesNotContain(":5080", supervisor, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, ".state")), "nothing is written to the default state directory");

        Assert.Equal("42", seen["SQUADRA_START_TIMEOUT"]);
        Assert.Equal("1", seen["SQUADRA_SKIP_INSTALL"]);
        Assert.Equal("1", seen["SQUADRA_SKIP_PUBLISH"]);
    }

    [Fact]
    public async Task The_replica_and_frontend_counts_reach_every_config()
    {
        var state = Path.Combine(_root, "three");
        await RenderAsync(new Dictionary<string, string>
        {
            ["SQUADRA_STATE_DIR"] = state,
            ["SQUADRA_REPLICAS"] = "3",
            ["SQUADRA_FRONTENDS"] = "1",
            ["SQUADRA_API1_PORT"] = "15000",
            ["SQUADRA_API3_PORT"] = "15009",
        });

        var nginx = await File.ReadAllTextAsync(Path.Combine(state, "nginx", "nginx.conf"));
        // Each of the three backend upstreams (API with passive health, hub, health probe) lists the three replicas.
        Assert.Equal(3, Occurrences(nginx, "server 127.0.0.1:15000 "));
        Assert.Equal(3, Occurrences(nginx, "server 127.0.0.1:15001 "));
        Assert.Equal(3, Occurrences(nginx, "server 127.0.0.1:15009 "));
        Assert.Equal(1, Occurrences(nginx, "server 127.0.0.1:3000 "));
        Assert.DoesNotContain("127.0.0.1:3001", nginx, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+server @", nginx); // every marker line expanded

        var supervisor = await File.ReadAllTextAsync(Path.Combine(state, "supervisor", "supervisord.conf"));
        Assert.Equal(["api-1", "api-2", "api-3", "frontend-1"], AppPrograms(supervisor));
        Assert.Contains("ASPNETCORE_URLS=\"http://127.0.0.1:15009\",ASPNETCORE_ENVIRONMENT=\"Production\",Replica__Name=\"api-3\"", supervisor, StringComparison.Ordinal);
        // Every replica knows all three (GET /api/cluster), and each sends email.
        Assert.Equal(3, Occurrences(supervisor,
            "Cluster__Replicas__0__Name=\"api-1\",Cluster__Replicas__0__Url=\"http://127.0.0.1:15000\",Cluster__Replicas__1__Name=\"api-2\",Cluster__Replicas__1__Url=\"http://127.0.0.1:15001\",Cluster__Replicas__2__Name=\"api-3\",Cluster__Replicas__2__Url=\"http://127.0.0.1:15009\","));
        Assert.Equal(3, Occurrences(supervisor, "Email__Enabled=\"true\""));
    }

    [Fact]
    public async Task The_nats_channel_brings_a_three_node_cluster_and_tells_the_replicas()
    {
        var state = Path.Combine(_root, "nats");
        await RenderAsync(new Dictionary<string, string>
        {
            ["SQUADRA_STATE_DIR"] = state,
            ["SQUADRA_REALTIME_CHANNEL"] = "nats",
            ["SQUADRA_NATS_PORT"] = "14250",
            ["SQUADRA_NATS_CLUSTER_PORT"] = "16250",
        });

        var supervisor = await File.ReadAllTextAsync(Path.Combine(state, "supervisor", "supervisord.conf"));
        Assert.Contains("command=/usr/sbin/nats-server --name nats-1 --addr 127.0.0.1 --port 14250 --cluster_name squadra --cluster nats://127.0.0.1:16250 --routes nats://127.0.0.1:16251,nats://127.0.0.1:16252\n", supervisor, StringComparison.Ordinal);
        Assert.Contains("command=/usr/sbin/nats-server --name nats-3 --addr 127.0.0.1 --port 14252 --cluster_name squadra --cluster nats://127.0.0.1:16252 --routes nats://127.0.0.1:16250,nats://127.0.0.1:16251\n", supervisor, StringComparison.Ordinal);
        Assert.Equal(2, Occurrences(supervisor,
            "Realtime__Channel=\"nats\",Realtime__Nats__Url=\"nats://127.0.0.1:14250,nats://127.0.0.1:14251,nats://127.0.0.1:14252\","));

        // The default channel: no NATS anywhere.
        var postgres = Path.Combine(_root, "postgres");
        await RenderAsync(new Dictionary<string, string> { ["SQUADRA_STATE_DIR"] = postgres });
        var plain = await File.ReadAllTextAsync(Path.Combine(postgres, "supervisor", "supervisord.conf"));
        Assert.DoesNotContain("[program:nats", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Realtime__", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_relay_replaces_the_mail_catcher()
    {
        var state = Path.Combine(_root, "relay");
        await RenderAsync(new Dictionary<string, string>
        {
            ["SQUADRA_STATE_DIR"] = state,
            ["SQUADRA_SMTP_HOST"] = "smtp.example.org",
            ["SQUADRA_SMTP_PORT"] = "465",
            ["SQUADRA_SMTP_SECURITY"] = "SslOnConnect",
            ["SQUADRA_SMTP_USERNAME"] = "squadra",
            ["SQUADRA_SMTP_PASSWORD"] = "50%off",
            ["SQUADRA_SMTP_FROM"] = "team@example.org",
        });

        var supervisor = await File.ReadAllTextAsync(Path.Combine(state, "supervisor", "supervisord.conf"));
        Assert.DoesNotContain("[program:mail-catcher]", supervisor, StringComparison.Ordinal);
        Assert.Equal(2, Occurrences(supervisor,
            "Email__Smtp__Host=\"smtp.example.org\",Email__Smtp__Port=\"465\",Email__Smtp__Security=\"SslOnConnect\",Email__Smtp__FromAddress=\"team@example.org\",Email__Smtp__Username=\"squadra\",Email__Smtp__Password=\"50%%off\""));
        Assert.False(Directory.Exists(Path.Combine(state, "mail")), "no catcher, no mail directory");
    }

    [Theory]
    [InlineData("SQUADRA_GATEWAY_PORT", "80a", "SQUADRA_GATEWAY_PORT must be a TCP port number")]
    [InlineData("SQUADRA_MAIL_UI_PORT", "0", "SQUADRA_MAIL_UI_PORT must be a TCP port number")]
    [InlineData("SQUADRA_MAIL_SMTP_PORT", "5432", "two parts are set to the same port: 5432")]
    [InlineData("SQUADRA_MAIL_UI_PORT", "8080", "two parts are set to the same port: 8080")]
    [InlineData("SQUADRA_SMTP_SECURITY", "tls", "SQUADRA_SMTP_SECURITY must be None, StartTls, SslOnConnect or Auto")]
    [InlineData("SQUADRA_SMTP_PASSWORD", "a\"b", "SQUADRA_SMTP_PASSWORD must not hold a double quote")]
    [InlineData("SQUADRA_API1_PORT", "70000", "SQUADRA_API1_PORT must be a TCP port number")]
    [InlineData("SQUADRA_FRONTEND_PORT", "8080", "two parts are set to the same port: 8080")]
    [InlineData("SQUADRA_REPLICAS", "0", "SQUADRA_REPLICAS must be a number from 1 to 9")]
    [InlineData("SQUADRA_REPLICAS", "10", "SQUADRA_REPLICAS must be a number from 1 to 9")]
    [InlineData("SQUADRA_FRONTENDS", "two", "SQUADRA_FRONTENDS must be a number from 1 to 9")]
    [InlineData("SQUADRA_FRONTEND2_PORT", "5000", "two parts are set to the same port: 5000")]
    [InlineData("SQUADRA_REALTIME_CHANNEL", "kafka", "SQUADRA_REALTIME_CHANNEL must be postgres or nats")]
    [InlineData("SQUADRA_NATS_PORT", "4x", "SQUADRA_NATS_PORT must be a TCP port number")]
    [InlineData("SQUADRA_START_TIMEOUT", "soon", "SQUADRA_START_TIMEOUT must be a positive whole number")]
    [InlineData("SQUADRA_LOGIN_PERMIT_LIMIT", "0", "SQUADRA_LOGIN_PERMIT_LIMIT must be a positive whole number")]
    [InlineData("SQUADRA_WRITES_PER_MINUTE", "-5", "SQUADRA_WRITES_PER_MINUTE must be a positive whole number")]
    [InlineData("SQUADRA_SKIP_INSTALL", "yes", "SQUADRA_SKIP_INSTALL must be 0 or 1")]
    [InlineData("SQUADRA_GATEWAY_OPERATIONS", "true", "SQUADRA_GATEWAY_OPERATIONS must be 0 or 1")]
    public async Task A_malformed_setting_is_refused_by_name_before_anything_runs(string name, string value, string message)
    {
        var result = await ProcessRunner.RunAsync("env", CleanEnvironment.EnvArguments(CleanEnvironment.Home,
            [new("SQUADRA_STATE_DIR", Path.Combine(_root, ".state")), new(name, value)], Path.Combine(RepositoryRoot.Path, "run.sh"), ["status"]));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10")]
    [InlineData("three")]
    public async Task The_container_deployment_refuses_a_replica_count_outside_two_to_nine_before_anything_runs(string replicas)
    {
        var state = Path.Combine(_root, ".compose-state");

        var result = await ProcessRunner.RunAsync("env", CleanEnvironment.EnvArguments(CleanEnvironment.Home,
            [new("SQUADRA_COMPOSE_STATE_DIR", state), new("SQUADRA_REPLICAS", replicas)], Path.Combine(RepositoryRoot.Path, "deploy", "compose", "up.sh"), []));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"SQUADRA_REPLICAS must be a number from 2 to 9 for the containers, not '{replicas}'", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(state), "nothing may be created for a refused setting");
    }

    /// <summary>Renders with only these settings (and PATH, HOME) in the environment; returns the settings run.sh's children see.</summary>
    private async Task<Dictionary<string, string>> RenderAsync(Dictionary<string, string> settings)
    {
        var output = await ProcessRunner.RunCheckedAsync("env", CleanEnvironment.EnvArguments(CleanEnvironment.Home,
            [new("SQUADRA_ROOT", _root), .. settings], Path.Combine(RepositoryRoot.Path, "tests", "Squadra.Quickstart", "render-configs.sh"), []));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("SQUADRA_", StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }

    /// <summary>The supervisord programs of the backends and frontends, in the order of the config.</summary>
    private static List<string> AppPrograms(string supervisor) =>
        [.. supervisor.Split('\n').Where(l => l.StartsWith("[program:api-", StringComparison.Ordinal) || l.StartsWith("[program:frontend", StringComparison.Ordinal))
            .Select(l => l["[program:".Length..^1])];

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
