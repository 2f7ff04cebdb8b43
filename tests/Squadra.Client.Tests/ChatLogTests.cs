using Squadra.Client.Chat;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;

namespace Squadra.Client.Tests;

public sealed class ChatLogTests
{
    static readonly UserDto s_me = new("u-1", "alice", "Alice Liddell");
    static readonly UserDto s_other = new("u-2", "bob", "Bob Dylan");
    static readonly DateTimeOffset s_at = DateTimeOffset.UtcNow;

    [Fact]
    public void NothingIsShownUntilTheNewestPageSaysWhereTheHistoryStarts()
    {
        var log = new ChatLog(s_me.Id);
        log.Merge(Message(12));

        Assert.False(log.IsLoaded);
        Assert.Empty(log.Messages);

        log.LoadNewest([Message(9), Message(10), Message(11)]);

        Assert.Equal([9L, 10L, 11L, 12L], Seqs(log));
        Assert.Equal(12, log.Contiguous);
        Assert.True(log.HasOlder);
        Assert.Equal(9, log.Oldest);
    }

    [Fact]
    public void MessagesMergedOutOfOrderAndTwiceAppearOnceInSeqOrder()
    {
        var log = Loaded(Message(1));

        var merged = new long[] { 3, 2, 3, 2, 1, 4 }.Select(seq => log.Merge(Message(seq))).ToList();

        Assert.Equal([true, true, false, false, false, true], merged);
        Assert.Equal([1L, 2L, 3L, 4L], Seqs(log));
    }

    [Fact]
    public void ASeqPastAHoleWaitsUnseenUntilTheHoleIsFilled()
    {
        var log = Loaded(Message(1), Message(2));

        log.Merge(Message(5));

        Assert.True(log.HasHole);
        Assert.Equal(2, log.Contiguous);
        Assert.Equal([1L, 2L], Seqs(log));

        log.Merge(Message(3));
        log.Merge(Message(4));

        Assert.False(log.HasHole);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], Seqs(log));
    }

    [Fact]
    public void AnEmptyChatStartsAtOneAndHasNothingOlder()
    {
        var log = Loaded();

        log.Merge(Message(2));
        Assert.Empty(log.Messages);
        log.Merge(Message(1));

        Assert.Equal([1L, 2L], Seqs(log));
        Assert.False(log.HasOlder);
    }

    [Fact]
    public void OlderPagesGrowTheHistoryDownwardsUntilTheStart()
    {
        var log = Loaded(Message(51), Message(52));

        log.LoadOlder([Message(49), Message(50)]);

        Assert.Equal([49L, 50L, 51L, 52L], Seqs(log));
        Assert.Equal(49, log.Oldest);
        Assert.True(log.HasOlder);

        log.LoadOlder([]);

        Assert.False(log.HasOlder);
    }

    [Fact]
    public void AnOlderPageThatDoesNotJoinTheHistoryIsIgnored()
    {
        var log = Loaded(Message(51));

        log.LoadOlder([Message(10), Message(11)]);

        Assert.Equal([51L], Seqs(log));
        Assert.Equal(51, log.Oldest);
    }

    [Fact]
    public void AnEditReplacesTheTextButAnOlderStateNeverComesBack()
    {
        var log = Loaded(Message(1, body: "helo"));
        var edited = Message(1, body: "hello") with { EditedAt = s_at.AddMinutes(1) };

        Assert.True(log.Merge(edited));
        Assert.False(log.Merge(Message(1, body: "helo")));

        Assert.Equal("hello", log.Messages.Single().Body);
    }

    [Fact]
    public void TheLatestReactionsWinWhateverOrderAnswersAndPushesCameIn()
    {
        var log = Loaded(Message(1));
        var mine = Message(1) with { Revision = 1, Reactions = [new ReactionDto("👍", [s_me.Id])] };
        var both = Message(1) with { Revision = 2, Reactions = [new ReactionDto("👍", [s_me.Id, s_other.Id])] };

        Assert.True(log.Merge(both));
        Assert.False(log.Merge(mine));
        Assert.False(log.Merge(both with { }));

        Assert.Equal([s_me.Id, s_other.Id], log.Messages.Single().Reactions.Single().UserIds);
    }

    [Fact]
    public void ADeletionIsFinalWhateverArrivesAfterIt()
    {
        var log = Loaded(Message(1));
        log.Merge(Message(1) with { Deleted = true, Body = "" });

        log.Merge(Message(1, body: "late edit") with { EditedAt = s_at.AddHours(1) });

        Assert.True(log.Messages.Single().Deleted);
        Assert.Equal("", log.Messages.Single().Body);
    }

    [Fact]
    public void AnotherMessageAtAHeldSeqReplacesIt()
    {
        // The held one was a commit a database failover discarded; the server's later word about the seq wins.
        var log = Loaded(Message(1), Message(2, body: "discarded"));

        Assert.True(log.Merge(Message(2, body: "the retry") with { Id = "m-2-retry" }));

        Assert.Equal([1L, 2L], Seqs(log));
        Assert.Equal("m-2-retry", log.Messages[1].Id);
        Assert.Equal("the retry", log.Messages[1].Body);
    }

    [Fact]
    public void APendingMessageIsConfirmedByThePostsAnswerAndThePushAddsNothing()
    {
        var log = Loaded(Message(1));
        log.AddPending("k-1", "hi", s_at);
        Assert.Single(log.Pending);

        log.Confirm("k-1", Message(2, s_me, "hi"));
        log.Merge(Message(2, s_me, "hi"));

        Assert.Empty(log.Pending);
        Assert.Equal([1L, 2L], Seqs(log));
    }

    [Fact]
    public void TheUsersOwnReplyWithTheSameTextDoesNotConfirmAPendingMessageOfTheTimeline()
    {
        var log = Loaded(Message(1));
        log.AddPending("k-1", "ok", s_at);

        log.Merge(Message(2, s_me, "ok") with { ThreadRootId = "m-1" });

        Assert.Single(log.Pending);
        Assert.Equal([1L, 2L], Seqs(log));
    }

    [Fact]
    public void APendingMessageIsConfirmedByThePushWhenItComesFirst()
    {
        var log = Loaded(Message(1));
        log.AddPending("k-1", "hi", s_at);

        log.Merge(Message(2, s_me, "hi"));

        Assert.Empty(log.Pending);
        Assert.Equal([1L, 2L], Seqs(log));

        log.Confirm("k-1", Message(2, s_me, "hi"));

        Assert.Equal([1L, 2L], Seqs(log));
    }

    [Fact]
    public void TwoPendingMessagesWithTheSameTextAreEachConfirmedOnce()
    {
        var log = Loaded();
        log.AddPending("k-1", "ok", s_at);
        log.AddPending("k-2", "ok", s_at);

        log.Merge(Message(1, s_me, "ok"));

        Assert.Equal("k-2", log.Pending.Single().Key);

        log.Confirm("k-1", Message(1, s_me, "ok"));
        log.Confirm("k-2", Message(2, s_me, "ok"));

        Assert.Empty(log.Pending);
        Assert.Equal([1L, 2L], Seqs(log));
    }

    [Fact]
    public void SomeoneElsesMessageOrAnOldOneOfMineDoesNotConfirmAPendingOne()
    {
        var log = Loaded(Message(1));
        log.AddPending("k-1", "ok", s_at);

        log.Merge(Message(2, s_other, "ok"));
        log.LoadOlder([]);

        Assert.Single(log.Pending);
    }

    [Fact]
    public void AFailedMessageStaysWithItsErrorUntilRetriedOrDiscarded()
    {
        var log = Loaded();
        log.AddPending("k-1", "hi", s_at);

        log.Fail("k-1", "Not sent");
        Assert.Equal("Not sent", log.Pending.Single().Error);

        log.Retrying("k-1");
        Assert.Null(log.Pending.Single().Error);

        log.Discard("k-1");
        Assert.Empty(log.Pending);
    }

    [Fact]
    public void PushesBeforeTheNewestPageAreKeptWhenNewerAndDroppedWhenOlder()
    {
        var log = new ChatLog(s_me.Id);
        log.Merge(Message(3));
        log.Merge(Message(21));

        log.LoadNewest([Message(19), Message(20)]);

        Assert.Equal([19L, 20L, 21L], Seqs(log));
        Assert.False(log.HasHole);
    }

    [Fact]
    public void APendingMessageWithFilesIsConfirmedOnlyByAPushWithTheSameFiles()
    {
        var log = Loaded(Message(1));
        var pending = log.AddPending("k-1", "", s_at, [Attachment("a-1"), Attachment("a-2")]);
        Assert.Equal(["a-1", "a-2"], pending.AttachmentIds);

        log.Merge(Message(2, s_me, "") with { Attachments = [Attachment("a-1")] });
        Assert.Single(log.Pending);

        log.Merge(Message(3, s_me, "") with { Attachments = [Attachment("a-1"), Attachment("a-2")] });
        Assert.Empty(log.Pending);
    }

    [Fact]
    public void APendingMessageWithoutFilesSendsNoAttachmentIds()
    {
        var log = Loaded(Message(1));

        Assert.Null(log.AddPending("k-1", "hi", s_at).AttachmentIds);
    }

    static ChatLog Loaded(params MessageDto[] newest)
    {
        var log = new ChatLog(s_me.Id);
        log.LoadNewest(newest);
        return log;
    }

    static AttachmentDto Attachment(string id) => new(id, $"{id}.pdf", "application/pdf", 10, null, null, $"/api/attachments/{id}/content", null);

    static List<long> Seqs(ChatLog log) => [.. log.Messages.Select(m => m.Seq)];

    static MessageDto Message(long seq, UserDto? author = null, string? body = null) =>
        new($"m-{seq}", "t-1", seq, author ?? s_other, body ?? $"message {seq}", s_at, null, false);
}
