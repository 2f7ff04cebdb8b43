using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;
using Squadra.Web.Features.Chat.Pins;

namespace Squadra.Web.Tests;

public sealed class PinnedWordsTests : SquadraTestContext
{
    static MessageDto Message(string body, params AttachmentDto[] attachments) =>
        new("m-1", "t-1", 1, Bob, body, DateTimeOffset.UtcNow, null, false) { Attachments = attachments };

    [Theory]
    [InlineData("Matches every **Saturday at 10:00**", "Matches every Saturday at 10:00")]
    [InlineData("House rules:\n\n- be on time\n- bring `water`", "House rules: be on time bring water")]
    [InlineData("See [the map](https://example.org/map)", "See the map")]
    [InlineData("<script>alert(1)</script> stays text", "<script>alert(1)</script> stays text")]
    public void AnExcerptIsTheWordsOnOneLineWithoutTheirFormatting(string body, string excerpt) =>
        Assert.Equal(excerpt, PinnedWords.Excerpt(Message(body)));

    [Fact]
    public void ALongTextIsCutWithAnEllipsisAndFilesAloneAreNamed()
    {
        Assert.Equal(new string('a', 10) + "…", PinnedWords.Excerpt(Message(new string('a', 30)), length: 10));
        var plan = new AttachmentDto("a-1", "plan.pdf", "application/pdf", 1000, null, null, "https://example.org/a-1", null);
        Assert.Equal("plan.pdf", PinnedWords.Excerpt(Message("", plan)));
        Assert.Equal("2 files", PinnedWords.Excerpt(Message("", plan, plan with { Id = "a-2" })));
    }

    [Fact]
    public void WhoPinnedIsNamedWhenKnown()
    {
        var message = Message("x") with { PinnedAt = DateTimeOffset.UtcNow, PinnedBy = Bob.Id };
        Assert.Equal("Pinned by Bob Dylan", PinnedWords.By(message, Alice.Id, id => id == Bob.Id ? "Bob Dylan" : null));
        Assert.Equal("Pinned by you", PinnedWords.By(message, Bob.Id, _ => null));
        Assert.Equal("Pinned", PinnedWords.By(message, Alice.Id, _ => null));
        Assert.Equal("Pinned", PinnedWords.By(message with { PinnedBy = null }, Alice.Id, _ => null));
    }
}
