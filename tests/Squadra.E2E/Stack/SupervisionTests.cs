using System.Diagnostics;
using System.Net;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Stack;

[Collection(StackCollection.Name)]
public sealed class SupervisionTests(RunningStack stack)
{
    [Fact]
    public async Task KillingABackendReplicaKeepsTheGatewayAnsweringAndTheReplicaComesBack()
    {
        using var gateway = stack.Client();
        var session = await RunningStack.SignUpAsync(gateway);
        var victim = await stack.ProcessIdAsync("api-1");

        await ProcessRunner.RunCheckedAsync("kill", ["-9", victim.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        var failures = new List<string>();
        var servedBy = new HashSet<string>();
        var backWithin = (TimeSpan?)null;
        var clock = Stopwatch.StartNew();
        using var direct = stack.Client(RunningStack.Api1Port);
        while (clock.Elapsed < TimeSpan.FromSeconds(12))
        {
            using var response = await gateway.SendAsync(RunningStack.Authorized(HttpMethod.Get, "/api/me", session.AccessToken));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{clock.Elapsed}: {(int)response.StatusCode}");
            }
            servedBy.UnionWith(response.Headers.TryGetValues("X-Served-By", out var names) ? names : []);

            if (backWithin is null && await RunningStack.IsReadyAsync(direct))
            {
                backWithin = clock.Elapsed;
            }
            await Task.Delay(50);
        }

        Assert.Empty(failures);
        Assert.NotNull(backWithin);
        Assert.True(backWithin < TimeSpan.FromSeconds(10), $"api-1 came back after {backWithin}");
        Assert.NotEqual(victim, await stack.ProcessIdAsync("api-1"));
        Assert.Contains("api-2", servedBy);
    }

    [Fact]
    public async Task StatusShowsEveryProcessAndThePrimaryDatabaseNode()
    {
        var status = await stack.RunScriptAsync(["status"]);

        foreach (var program in new[] { "api-1", "api-2", "frontend-1", "frontend-2", "gateway", "pg-monitor", "pg-node1", "pg-node2", "mail-catcher" })
        {
            Assert.Contains(program, status, StringComparison.Ordinal);
        }
        // The default two of each, with where they listen (the first one's port + 1 for the second).
        Assert.Contains($"Backends (2): api-1 127.0.0.1:{RunningStack.Api1Port}, api-2 127.0.0.1:{RunningStack.Api2Port}", status, StringComparison.Ordinal);
        Assert.Contains($"Frontends (2): frontend-1 127.0.0.1:{RunningStack.FrontendPort}, frontend-2 127.0.0.1:{RunningStack.FrontendPort + 1}", status, StringComparison.Ordinal);
        Assert.Contains("primary", status, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"Mail: every email the app sends is caught, not delivered: http://localhost:{RunningStack.MailUiPort}", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStacksMailCatcherAnswersOnItsOwnPort()
    {
        using var mail = new MailCatcherApi(stack.MailApi);

        Assert.True(await mail.AnswersAsync(), $"no mail catcher at {stack.MailApi}");
        Assert.NotNull(await mail.EmailsAsync());
    }
}
