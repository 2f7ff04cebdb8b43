using Squadra.Client.Chat;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;

namespace Squadra.Client.Tests;

public sealed class ChangeWatermarkTests
{
    static readonly DateTimeOffset s_start = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    static MessageDto Changed(long changeSeq) =>
        new($"m-{changeSeq}", "t-1", changeSeq, new UserDto("u-1", "alice", "Alice"), "hi", s_start, null, false) { ChangeSeq = changeSeq };

    [Fact]
    public void AnAnswerConfirmsItsHighestChangeAtOnce()
    {
        var watermark = new ChangeWatermark();

        watermark.Answered([Changed(7), Changed(4)]);
        watermark.Answered([]);

        Assert.Equal(7, watermark.Confirmed);
    }

    [Fact]
    public void APushConfirmsItsChangeOnlyOnceAnotherCameLongEnoughAfter()
    {
        // Change 9's push may have overtaken change 8, whose announcement was lost: the sweep brings 8 within seconds,
        // if the connection stays up that long. A reconnect before then must still ask from 7.
        var watermark = new ChangeWatermark();
        watermark.Answered([Changed(7)]);

        watermark.Pushed(9, s_start);
        watermark.Pushed(10, s_start + ChangeWatermark.Settle - TimeSpan.FromSeconds(1));
        Assert.Equal(7, watermark.Confirmed);

        watermark.Pushed(11, s_start + ChangeWatermark.Settle);
        Assert.Equal(9, watermark.Confirmed);

        watermark.Pushed(12, s_start + (3 * ChangeWatermark.Settle));
        Assert.Equal(11, watermark.Confirmed);
    }

    [Fact]
    public void AnOlderAnswerNeverLowersIt()
    {
        var watermark = new ChangeWatermark();
        watermark.Answered([Changed(20)]);

        watermark.Answered([Changed(3)]);
        watermark.Pushed(5, s_start);
        watermark.Pushed(6, s_start + ChangeWatermark.Settle);

        Assert.Equal(20, watermark.Confirmed);
    }
}
