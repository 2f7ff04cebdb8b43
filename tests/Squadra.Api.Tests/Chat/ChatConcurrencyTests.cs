using System.Collections.Concurrent;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Tests.Chat;

[Collection(ApiCollection.Name)]
public sealed class ChatConcurrencyTests(ApiCluster cluster)
{
    [Fact]
    public async Task ReadersPagingWithAfterWhileManyPostConcurrentlyAllEndWithTheSameGaplessList()
    {
        const int posters = 8;
        const int postsEach = 25;
        const int readers = 6;
        var owner = await TestUser.SignUpAsync(cluster.Replica1.CreateClient());
        var team = await owner.CreateTeamAsync();
        var replicas = new[] { cluster.Replica1.CreateClient(), cluster.Replica2.CreateClient() };
        var writers = new List<TestUser>();
        for (var i = 0; i < posters; i++)
        {
            var writer = await TestUser.SignUpAsync(replicas[i % 2]);
            await owner.AddMemberAsync(team, writer);
            writers.Add(writer);
        }

        var acknowledged = new ConcurrentBag<MessageDto>();
        var posting = Task.WhenAll(writers.Select(async writer =>
        {
            for (var n = 0; n < postsEach; n++)
            {
                acknowledged.Add(await writer.PostAsync(team, $"{writer.Username} #{n}"));
            }
        }));

        var reading = Task.WhenAll(Enumerable.Range(0, readers).Select(async r =>
        {
            var reader = owner.On(replicas[r % 2]);
            var seen = new List<MessageDto>();
            while (true)
            {
                var done = posting.IsCompleted;
                var page = await reader.HistoryAsync(team, $"?after={(seen.Count == 0 ? 0 : seen[^1].Seq)}&limit={1 + r * 7}");
                seen.AddRange(page);
                if (done && page.Count == 0)
                {
                    return seen;
                }
            }
        }));

        await posting;
        var everyReader = await reading;

        var committed = acknowledged.OrderBy(m => m.Seq).Select(m => (m.Seq, m.Id)).ToList();
        Assert.Equal(Enumerable.Range(1, posters * postsEach).Select(i => (long)i), committed.Select(c => c.Seq));
        Assert.All(everyReader, seen => Assert.Equal(committed, seen.Select(m => (m.Seq, m.Id))));
    }
}
