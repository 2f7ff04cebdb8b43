using System.Diagnostics;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Stack;

[Collection(StackCollection.Name)]
public sealed class ChatFailoverTests(RunningStack stack)
{
    private const int MessageCount = 60;

    [Fact]
    public async Task KillingTheReplicaASubscriberIsOnLosesNoMessageReplyDmNorChangeAndDuplicatesNone()
    {
        using var gateway = stack.Client();
        var author = await RunningStack.SignUpAsync(gateway);
        var reader = await RunningStack.SignUpAsync(gateway);
        var team = ChatKey.Team((await ApiCalls.TeamOfTwoAsync(gateway, author, reader, "Failover")).Id);
        var dm = ChatKey.Dm((await ApiCalls.OpenDmAsync(gateway, author, reader)).Id);
        var api = ApiCalls.As(gateway, author);

        await using var subscriber = await ChatSubscriber.ConnectAsync(stack.Gateway, reader, team, dm);
        var victim = await HubReplicas.HoldingTheOnlyConnectionAsync(stack);

        // In turn: a team message, a reply in the first one's thread, a DM message.
        var acknowledged = new Dictionary<ChatKey, List<MessageDto>> { [team] = [], [dm] = [] };
        for (var n = 1; n <= MessageCount; n++)
        {
            if (n == 16)
            {
                await ProcessRunner.RunCheckedAsync("kill", ["-9", (await stack.ProcessIdAsync(victim)).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                // Changes made while the subscriber is reconnecting: their pushes go to nobody it listens to.
                var (edited, reacted) = (acknowledged[team][2], acknowledged[dm][1]);
                acknowledged[team][2] = await ApiCalls.UntilAcknowledgedAsync(
                    () => api.EditMessageAsync(team, edited.Id, new EditMessageRequest($"{edited.Body}, edited")), "the edit");
                acknowledged[dm][1] = await ApiCalls.UntilAcknowledgedAsync(() => api.AddReactionAsync(dm, reacted.Id, "👍"), "the reaction");
            }
            var (chat, request) = (n % 3) switch
            {
                1 => (team, new PostMessageRequest($"message {n}")),
                2 => (team, new PostMessageRequest($"reply {n}", acknowledged[team][0].Id)),
                _ => (dm, new PostMessageRequest($"direct {n}")),
            };
            acknowledged[chat].Add(await ApiCalls.PostUntilAcknowledgedAsync(gateway, author.AccessToken, chat, request));
        }
        // The root's replies changed it after it was acknowledged: it is expected as the server has it now.
        acknowledged[team][0] = (await api.GetThreadAsync(team, acknowledged[team][0].Id).ValueOrThrowAsync())[0];

        bool AllShown() => acknowledged.All(chat => subscriber.MessagesOf(chat.Key).Select(Shown).SequenceEqual(chat.Value.Select(Shown)));
        var clock = Stopwatch.StartNew();
        while (!AllShown() && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.True(subscriber.Reconnections >= 1, "the subscriber never lost its connection: was the right replica killed?");
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), acknowledged[team].Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), acknowledged[dm].Select(m => m.Seq));
        foreach (var (chat, messages) in acknowledged)
        {
            Assert.Equal(messages.Select(Shown), subscriber.MessagesOf(chat).Select(Shown));
        }
    }

    private static (long Seq, string Id, string Body, string Reactions, int Replies) Shown(MessageDto message) =>
        (message.Seq, message.Id, message.Body, string.Concat(message.Reactions.Select(r => r.Emoji)), message.ReplyCount);
}
