using Squadra.Api.Tests.Infrastructure;
using Squadra.Testing;

namespace Squadra.Api.Tests.Realtime;

/// <summary>
/// After a postmaster crash, a commit that was only local can be pushed and then discarded by the failover that
/// follows, its seq taken by another message. Here the database is changed the way such a failover leaves it, and
/// the replicas' LISTEN connections are broken as a failover breaks them: what was pushed must be put right.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DiscardedCommitTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task APushedMessageWhoseSeqNowHoldsAnotherIsPushedAgainAsAnUpdate()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await using var memberHub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), member.Token);
        await owner.PostAsync(team, "kept");
        var discarded = await owner.PostAsync(team, "committed locally, then discarded");
        await memberHub.WaitForMessageAsync(m => m.Id == discarded.Id, s_delivery);

        var replacement = Guid.NewGuid();
        await ExecuteAsync(
            """
            DELETE FROM messages WHERE id = @discarded;
            INSERT INTO messages (id, team_id, seq, author_id, body) VALUES (@replacement, @team, 2, @author, 'the retry');
            """,
            ("discarded", Guid.Parse(discarded.Id)), ("replacement", replacement), ("team", Guid.Parse(team.Id)), ("author", Guid.Parse(owner.User.Id)));
        await BreakListenConnectionsAsync();

        var update = await memberHub.WaitForUpdateAsync(m => m.Seq == 2, s_delivery);
        Assert.Equal(replacement.ToString(), update.Id);
        Assert.Equal("the retry", update.Body);
    }

    [Fact]
    public async Task APushedMessageTheDatabaseNoLongerHasIsReplacedByTheNextMessageAtItsSeq()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await using var memberHub = await HubListener.ConnectAsync(cluster.Replica1.CreateClient(), member.Token);
        var discarded = await owner.PostAsync(team, "committed locally, then discarded");
        await memberHub.WaitForMessageAsync(m => m.Id == discarded.Id, s_delivery);

        await ExecuteAsync(
            "DELETE FROM messages WHERE id = @discarded; UPDATE teams SET message_seq = 0 WHERE id = @team;",
            ("discarded", Guid.Parse(discarded.Id)), ("team", Guid.Parse(team.Id)));
        var brokenAt = await BreakListenConnectionsAsync();
        // A post is heard live only once the listeners are back.
        Assert.True(await Eventually.FindAsync(async () => await ListenersSinceAsync(brokenAt) >= 2, s_delivery));

        var next = await owner.PostAsync(team, "the next one");
        Assert.Equal(1, next.Seq);
        // Heard live it comes as a message; posted before this replica listened again, its catch-up finds another
        // message at a seq it pushed and sends it as an update. Either way the client holds it at seq 1.
        var pushed = await Eventually.FindAsync(
            () => memberHub.ChatMessages.Concat(memberHub.ChatUpdates).FirstOrDefault(m => m.Id == next.Id), s_delivery);
        Assert.NotNull(pushed);
        Assert.Equal(1, pushed.Seq);
    }

    [Fact]
    public async Task ANotificationAtASeqAFailoverDiscardedIsPushedAllTheSame()
    {
        var owner = await cluster.NewUserAsync();
        var invitee = await cluster.NewUserAsync();
        await using var inviteeHub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), invitee.Token);
        var first = await owner.CreateTeamAsync();
        await owner.InviteAsync(first, invitee);
        var discarded = await inviteeHub.WaitForNotificationAsync(n => n.TeamId == first.Id, s_delivery);

        await ExecuteAsync(
            "DELETE FROM notifications WHERE user_id = @user AND seq = @seq; UPDATE users SET notification_seq = @seq - 1 WHERE id = @user;",
            ("user", Guid.Parse(invitee.User.Id)), ("seq", discarded.Seq));
        var brokenAt = await BreakListenConnectionsAsync();
        Assert.True(await Eventually.FindAsync(async () => await ListenersSinceAsync(brokenAt) >= 2, s_delivery));

        var second = await owner.CreateTeamAsync();
        await owner.InviteAsync(second, invitee);
        var pushed = await inviteeHub.WaitForNotificationAsync(n => n.TeamId == second.Id, s_delivery);
        Assert.Equal(discarded.Seq, pushed.Seq);
    }

    /// <summary>Returns the database's clock at the break.</summary>
    private async Task<DateTime> BreakListenConnectionsAsync()
    {
        var now = await ScalarAsync<DateTime>("SELECT clock_timestamp()");
        var broken = await ScalarAsync<long>(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE {ListenerFilter}");
        Assert.True(broken >= 2, $"expected both replicas' LISTEN connections, broke {broken}");
        return now;
    }

    private Task<long> ListenersSinceAsync(DateTime since) =>
        ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE {ListenerFilter} AND backend_start > @since", ("since", since));

    // The listener's last statement is its LISTEN, or the ping it sends when idle.
    private const string ListenerFilter =
        "datname = current_database() AND pid <> pg_backend_pid() AND (query LIKE 'LISTEN %' OR (query = 'SELECT 1' AND state = 'idle'))";

    private Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) =>
        Sql.ScalarAsync<T>(cluster.ConnectionString, sql, parameters);

    private Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters) =>
        Sql.ExecuteAsync(cluster.ConnectionString, sql, parameters);
}
