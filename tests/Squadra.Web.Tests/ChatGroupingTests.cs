using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;

namespace Squadra.Web.Tests;

/// <summary>Consecutive messages of one author, a moment apart, are shown as one group (issue 18, item 6).</summary>
public sealed class ChatGroupingTests
{
    static readonly UserDto Ana = new("u-ana", "ana", "Ana Lima");
    static readonly UserDto Ben = new("u-ben", "ben", "Ben Okafor");
    static readonly DateTimeOffset At = new(2026, 12, 5, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheSameAuthorWithinFiveMinutesContinues()
    {
        Assert.True(ChatGrouping.Continues(Message(2, Ana, At.AddMinutes(5)), Message(1, Ana, At)));
        Assert.True(ChatGrouping.Continues(Message(2, Ana, At), Message(1, Ana, At)));
    }

    [Fact]
    public void AnotherAuthorALaterMomentOrNothingBeforeStartsAGroup()
    {
        Assert.False(ChatGrouping.Continues(Message(2, Ben, At.AddMinutes(1)), Message(1, Ana, At)));
        Assert.False(ChatGrouping.Continues(Message(2, Ana, At.AddMinutes(5).AddSeconds(1)), Message(1, Ana, At)));
        Assert.False(ChatGrouping.Continues(Message(1, Ana, At), null));
    }

    static MessageDto Message(long seq, UserDto author, DateTimeOffset at) => new($"m-{seq}", "t-1", seq, author, "text", at, null, false);
}
