
namespace Squadra.Web.Tests;

public sealed class MessageTextTests
{
    [Fact]
    public void PlainTextIsOneRun() => Assert.Equal([new TextRun("just words")], MessageText.Split("just words"));

    [Fact]
    public void AWebAddressBecomesALinkWithoutTheSentencesPunctuation()
    {
        var runs = MessageText.Split("See https://example.com/x, (or http://a.example/b_(c)).");

        Assert.Equal(
        [
            new TextRun("See "),
            new TextRun("https://example.com/x", "https://example.com/x"),
            new TextRun(", (or "),
            new TextRun("http://a.example/b_(c)", "http://a.example/b_(c)"),
            new TextRun(")."),
        ], runs);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://example.com/file")]
    [InlineData("https://")]
    public void OtherSchemesAndBrokenAddressesStayText(string body) =>
        Assert.All(MessageText.Split(body), run => Assert.Null(run.Href));
}
