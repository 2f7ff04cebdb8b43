using System.Diagnostics;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;
using Squadra.Client.Chat;

namespace Squadra.E2E.Stack;

[Collection(StackCollection.Name)]
public sealed class ChatFailoverTests(RunningStack stack)
{
    private const int MessageCount = 60;

    [Fact]
    public async Task KillingTheReplicaASubscriberIsOnLosesNoMessageNorChangeAndDuplicatesNone()
    {
        using var gateway = stack.Client();
        var author = await RunningStack.SignUpAsync(gateway);
        var reader = await RunningStack.SignUpAsync(gateway);
        var team = await ApiCalls.TeamOfTwoAsync(gateway, author, reader, "Failover");
        var api = ApiCalls.As(gateway, author);

        await using var subscriber = await ChatSubscriber.ConnectAsync(stack.Gateway, reader, team.Id);
        var victim = await HubReplicas.HoldingTheOnlyConnectionAsync(stack);

        var acknowledged = new List<MessageDto>();
        for (var n = 1; n <= MessageCount; n++)
        {
            if (n == 15)
            {
                await ProcessRunner.RunCheckedAsync("kill", ["-9", (await stack.ProcessIdAsync(victim)).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                // Changes made while the subscriber is reconnecting: their pushes go to nobody it listens to.
                acknowledged[2] = await ApiCalls.UntilAcknowledgedAsync(
                    () => api.EditMessageAsync(ChatKey.Team(team.Id), acknowledged[2].Id, new EditMessageRequest("message 3, edited")), "the edit");
                acknowledged[4] = await ApiCalls.UntilAcknowledgedAsync(() => api.AddReactionAsync(ChatKey.Team(team.Id), acknowledged[4].Id, "👍"), "the reaction");
            }
            acknowledged.Add(await ApiCalls.PostUntilAcknowledgedAsync(gateway, author.AccessToken, team.Id, $"message {n}"));
        }

        var expected = acknowledged.Select(Shown).ToList();
        var clock = Stopwatch.StartNew();
        while (!subscriber.Messages.Select(Shown).SequenceEqual(expected) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.True(subscriber.Reconnections >= 1, "the subscriber never lost its connection: was the right replica killed?");
        Assert.Equal(Enumerable.Range(1, MessageCount).Select(i => (long)i), acknowledged.Select(m => m.Seq));
        Assert.Equal(expected, subscriber.Messages.Select(Shown));
    }

    private static (long Seq, string Id, string Body, string Reactions) Shown(MessageDto message) =>
        (message.Seq, message.Id, message.Body, string.Concat(message.Reactions.Select(r => r.Emoji)));
}
