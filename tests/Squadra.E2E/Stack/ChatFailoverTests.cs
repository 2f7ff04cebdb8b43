using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Stack;

[Collection(StackCollection.Name)]
public sealed partial class ChatFailoverTests(RunningStack stack)
{
    private const int MessageCount = 60;

    [Fact]
    public async Task KillingTheReplicaASubscriberIsOnLosesNoMessageAndDuplicatesNone()
    {
        using var gateway = stack.Client();
        var author = await RunningStack.SignUpAsync(gateway);
        var reader = await RunningStack.SignUpAsync(gateway);
        var team = await ApiCalls.TeamOfTwoAsync(gateway, author, reader, "Failover");

        await using var subscriber = await ChatSubscriber.ConnectAsync(stack.Gateway, reader.AccessToken, team.Id);
        var victim = await ReplicaHoldingTheOnlyConnectionAsync();

        var acknowledged = new List<MessageDto>();
        for (var n = 1; n <= MessageCount; n++)
        {
            if (n == 15)
            {
                await ProcessRunner.RunCheckedAsync("kill", ["-9", (await stack.ProcessIdAsync(victim)).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
            acknowledged.Add(await PostUntilAcknowledgedAsync(gateway, author.AccessToken, team.Id, $"message {n}"));
        }

        var clock = Stopwatch.StartNew();
        while (subscriber.Messages.Count < MessageCount && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.True(subscriber.Reconnections >= 1, "the subscriber never lost its connection: was the right replica killed?");
        Assert.Equal(Enumerable.Range(1, MessageCount).Select(i => (long)i), acknowledged.Select(m => m.Seq));
        Assert.Equal(acknowledged.Select(m => (m.Seq, m.Id, m.Body)), subscriber.Messages.Select(m => (m.Seq, m.Id, m.Body)));
    }

    /// <summary>Asks both replicas directly how many hub connections they hold; the subscriber's is the only one.</summary>
    private async Task<string> ReplicaHoldingTheOnlyConnectionAsync()
    {
        foreach (var (name, port) in new[] { ("api-1", RunningStack.Api1Port), ("api-2", RunningStack.Api2Port) })
        {
            using var direct = stack.Client(port);
            var metrics = await direct.GetStringAsync("/metrics");
            if (HubConnections().Match(metrics) is { Success: true } match && match.Groups[1].Value != "0")
            {
                return name;
            }
        }
        throw new InvalidOperationException("No replica reports the subscriber's hub connection.");
    }

    /// <summary>Posts with one Idempotency-Key, retrying as the browser does until the write is acknowledged.</summary>
    private static async Task<MessageDto> PostUntilAcknowledgedAsync(HttpClient gateway, string token, string teamId, string body)
    {
        var key = Guid.NewGuid().ToString();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var request = RunningStack.Authorized(HttpMethod.Post, $"/api/teams/{teamId}/messages", token);
                request.Headers.Add("Idempotency-Key", key);
                request.Content = JsonContent.Create(new PostMessageRequest(body));
                using var response = await gateway.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"'{body}' was not acknowledged within 20 s");
            }
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^squadra_hub_connections (\d+)", RegexOptions.Multiline)]
    private static partial Regex HubConnections();
}
