using Microsoft.Extensions.DependencyInjection;
using Squadra.Api.Data;
using Squadra.Api.Tests.Infrastructure;

namespace Squadra.Api.Tests.Realtime;

/// <summary>
/// Announcements are sent after the commit, so a replica that dies in between leaves commits nobody announced.
/// Here such commits are written straight into the database (no replica announces them): each replica's sweep
/// must find and push them within its interval (1.5 s), and a transaction announces nothing unless it commits.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SweepTests(ApiCluster cluster)
{
    // The sweep interval, a push, and room for a busy machine.
    private static readonly TimeSpan s_sweep = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task AMessageCommittedButNeverAnnouncedReachesTheMembersOfBothReplicas()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await using var onReplica1 = await HubListener.ConnectAsync(cluster.Replica1.CreateClient(), owner.Token);
        await using var onReplica2 = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), member.Token);
        var announced = await owner.PostAsync(team, "announced");
        await onReplica2.WaitForMessageAsync(m => m.Id == announced.Id, s_sweep);

        var unannounced = Guid.NewGuid();
        await Sql.ExecuteAsync(cluster.ConnectionString,
            """
            WITH next AS (UPDATE teams SET message_seq = message_seq + 1 WHERE id = @team RETURNING message_seq)
            INSERT INTO messages (id, team_id, seq, author_id, body) SELECT @id, @team, message_seq, @author, 'never announced' FROM next
            """,
            ("id", unannounced), ("team", Guid.Parse(team.Id)), ("author", Guid.Parse(owner.User.Id)));

        var onTwo = await onReplica2.WaitForMessageAsync(m => m.Id == unannounced.ToString(), s_sweep);
        var onOne = await onReplica1.WaitForMessageAsync(m => m.Id == unannounced.ToString(), s_sweep);
        Assert.Equal(announced.Seq + 1, onTwo.Seq);
        Assert.Equal("never announced", onOne.Body);

        // Exactly once: the next announced message follows it, and nothing is pushed twice.
        var after = await owner.PostAsync(team, "announced again");
        await onReplica2.WaitForMessageAsync(m => m.Id == after.Id, s_sweep);
        Assert.Equal([announced.Seq, announced.Seq + 1, after.Seq], onReplica2.ChatMessages.Select(m => m.Seq));
    }

    [Fact]
    public async Task AnEditCommittedButNeverAnnouncedReachesTheMembersOfBothReplicasOnce()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await using var onReplica1 = await HubListener.ConnectAsync(cluster.Replica1.CreateClient(), owner.Token);
        await using var onReplica2 = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), member.Token);
        var message = await owner.PostAsync(team, "to be edited quietly");
        await onReplica2.WaitForMessageAsync(m => m.Id == message.Id, s_sweep);

        await Sql.ExecuteAsync(cluster.ConnectionString,
            """
            WITH next AS (UPDATE teams SET change_seq = change_seq + 1 WHERE id = @team RETURNING change_seq)
            UPDATE messages SET body = 'edited, never announced', edited_at = now(), revision = revision + 1,
                change_seq = (SELECT change_seq FROM next)
            WHERE id = @id
            """,
            ("id", Guid.Parse(message.Id)), ("team", Guid.Parse(team.Id)));

        var onTwo = await onReplica2.WaitForUpdateAsync(m => m.Id == message.Id, s_sweep);
        var onOne = await onReplica1.WaitForUpdateAsync(m => m.Id == message.Id, s_sweep);
        Assert.Equal(("edited, never announced", 1L), (onTwo.Body, onTwo.Revision));
        Assert.Equal(onTwo, onOne);

        // Exactly once: an announced reaction follows it, and after another sweep nothing was pushed twice.
        var reacted = await member.ReactAsync(team, message, "👀");
        await onReplica1.WaitForUpdateAsync(m => m.Id == message.Id && m.Revision == reacted.Revision, s_sweep);
        await Task.Delay(s_sweep);
        Assert.Equal([1L, reacted.Revision], onReplica1.ChatUpdates.Select(m => m.Revision));
        Assert.Equal([1L, reacted.Revision], onReplica2.ChatUpdates.Select(m => m.Revision));
    }

    [Fact]
    public async Task ANotificationCommittedButNeverAnnouncedIsPushed()
    {
        var user = await cluster.NewUserAsync();
        await using var hub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), user.Token);

        await Sql.ExecuteAsync(cluster.ConnectionString,
            """
            WITH next AS (UPDATE users SET notification_seq = notification_seq + 1 WHERE id = @user RETURNING notification_seq)
            INSERT INTO notifications (user_id, seq, type, data) SELECT @user, notification_seq, 'team.deleted', '{"teamName":"swept"}' FROM next
            """,
            ("user", Guid.Parse(user.User.Id)));

        var pushed = await hub.WaitForNotificationAsync(n => n.Type == "team.deleted", s_sweep);
        Assert.Equal(1, pushed.Seq);
    }

    [Fact]
    public async Task AMembershipNeverAnnouncedPutsTheConnectionInTheTeamsGroup()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var joiner = await cluster.NewUserAsync();
        await using var hub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), joiner.Token);

        await Sql.ExecuteAsync(cluster.ConnectionString,
            "INSERT INTO team_members (team_id, user_id, role) VALUES (@team, @user, 'member')",
            ("team", Guid.Parse(team.Id)), ("user", Guid.Parse(joiner.User.Id)));
        await Task.Delay(s_sweep);

        var posted = await owner.PostAsync(team, "for every member, the silent joiner too");
        await hub.WaitForMessageAsync(m => m.Id == posted.Id, s_sweep);
    }

    [Fact]
    public async Task OnlyACommittedTransactionRunsItsAfterCommitWork()
    {
        var db = cluster.Replica1.Services.GetRequiredService<Db>();
        var ran = new List<string>();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await db.InTransactionAsync<bool>((_, transaction, _) =>
        {
            db.AfterCommit(transaction, () => ran.Add("rolled back"));
            throw new InvalidOperationException("the work failed");
        }, CancellationToken.None));
        var committed = await db.InTransactionAsync((_, transaction, _) =>
        {
            db.AfterCommit(transaction, () => ran.Add("committed"));
            return Task.FromResult(true);
        }, CancellationToken.None);

        Assert.True(committed);
        Assert.Equal(["committed"], ran);
    }
}
