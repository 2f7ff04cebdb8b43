using AngleSharp.Dom;

namespace Squadra.Web.Tests;

public sealed class MessageBodyTests : BunitContext
{
    [Fact]
    public void EmphasisStrongAndInlineCodeBecomeTheirElements()
    {
        var body = Body("**bold**, *italic* and `a < b`");

        Assert.Equal("bold", body.QuerySelector("p > strong")!.TextContent);
        Assert.Equal("italic", body.QuerySelector("p > em")!.TextContent);
        Assert.Equal("a < b", body.QuerySelector("p > code")!.TextContent);
    }

    [Fact]
    public void AFencedCodeBlockKeepsItsLinesAndALongLineStaysOneLine()
    {
        var longLine = "var x = " + new string('y', 300) + ";";
        var body = Body($"Look:\n```csharp\nif (a < b)\n    {longLine}\n```");

        var code = body.QuerySelector("pre > code")!;
        Assert.Equal($"if (a < b)\n    {longLine}", code.TextContent);
        Assert.Equal("0", body.QuerySelector("pre")!.GetAttribute("tabindex"));
    }

    [Fact]
    public void AnIndentedCodeBlockIsACodeBlockToo() =>
        Assert.Equal("indented()", Body("Text\n\n    indented()").QuerySelector("pre > code")!.TextContent);

    [Fact]
    public void BulletAndOrderedListsBecomeLists()
    {
        var body = Body("- oars\n- *life jackets*\n\n3. warm up\n4. row");

        Assert.Equal(["oars", "life jackets"], body.QuerySelectorAll("ul > li").Select(li => li.TextContent));
        Assert.NotNull(body.QuerySelector("ul > li > em"));
        var ordered = body.QuerySelector("ol")!;
        Assert.Equal("3", ordered.GetAttribute("start"));
        Assert.Equal(["warm up", "row"], ordered.QuerySelectorAll("li").Select(li => li.TextContent));
    }

    [Fact]
    public void ALooseListKeepsItsParagraphs() =>
        Assert.Equal(["one", "two"], Body("- one\n\n- two").QuerySelectorAll("ul > li > p").Select(p => p.TextContent));

    [Fact]
    public void AQuoteABreakAndAHeadingThatDoesNotShout()
    {
        var body = Body("# Big news\n\n> said **someone**\n\n---\n\nafter");

        Assert.Empty(body.QuerySelectorAll("h1, h2, h3, h4, h5, h6"));
        Assert.Equal("Big news", body.QuerySelector("p > strong")!.TextContent);
        Assert.Equal("said someone", body.QuerySelector("blockquote > p")!.TextContent);
        Assert.NotNull(body.QuerySelector("hr"));
        Assert.Equal("after", body.QuerySelectorAll("p")[^1].TextContent);
    }

    [Fact]
    public void ANewLineInAParagraphIsALineBreak()
    {
        var paragraph = Body("first line\nsecond line").QuerySelector("p")!;

        Assert.Single(paragraph.QuerySelectorAll("br"));
        Assert.Equal("first linesecond line", paragraph.TextContent);
    }

    [Fact]
    public void ABareWebAddressIsALinkWithoutTheSentencesPunctuation()
    {
        var body = Body("See https://example.com/a?b=1. or www.example.org");

        var links = body.QuerySelectorAll("a");
        Assert.Equal(["https://example.com/a?b=1", "https://www.example.org/"], links.Select(a => a.GetAttribute("href")));
        Assert.All(links, link =>
        {
            Assert.Equal("_blank", link.GetAttribute("target"));
            Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        });
        Assert.Equal("https://example.com/a?b=1", links[0].TextContent);
    }

    [Fact]
    public void AWrittenLinkAndAMailAddressAreLinks()
    {
        var links = Body("[the club](https://club.example/news) or <ana@club.example>").QuerySelectorAll("a");

        Assert.Equal(["https://club.example/news", "mailto:ana@club.example"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["the club", "ana@club.example"], links.Select(a => a.TextContent));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Hi <img src=x onerror=\"window.__pwned=1\"> there")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("<div>\n<iframe src=\"https://evil.example\"></iframe>\n</div>")]
    [InlineData("<style>body { display: none }</style>")]
    public void RawHtmlIsShownAsTheTextThatWasTyped(string html)
    {
        var body = Body(html);

        Assert.Empty(body.QuerySelectorAll("script, img, iframe, style, div"));
        Assert.Empty(body.QuerySelectorAll("[onerror], [href^='javascript:']"));
        Assert.Contains(html.Split('\n')[0], body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))", "x")]
    [InlineData("[x](JavaScript:alert(1))", "x")]
    [InlineData("[x](data:text/html,<script>alert(1)</script>)", "x")]
    [InlineData("[x](/relative/path)", "x")]
    [InlineData("[x](ftp://example.com/file)", "x")]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    [InlineData("[x][evil]\n\n[evil]: javascript:alert(1)", "x")]
    public void ALinkToAnythingButTheWebOrMailIsItsText(string markdown, string text)
    {
        var body = Body(markdown);

        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.StartsWith(text, body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageLoadsNothingAndIsALinkToThePicture()
    {
        var body = Body("![the boat](http://club.example/boat.png) ![](https://club.example/b.png) ![x](javascript:alert(1))");

        Assert.Empty(body.QuerySelectorAll("img"));
        var links = body.QuerySelectorAll("a");
        Assert.Equal(["http://club.example/boat.png", "https://club.example/b.png"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["the boat", "https://club.example/b.png"], links.Select(a => a.TextContent));
        Assert.EndsWith(" x", body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[a and 2 * 3", "[a and 2 * 3")]
    [InlineData("[[a]b", "[[a]b")]
    [InlineData("\\*not emphasis\\* &lt;b&gt; &amp;", "*not emphasis* <b> &")]
    public void StrayMarksEscapesAndEntitiesStayTheirCharacters(string markdown, string text) =>
        Assert.Equal(text, Body(markdown).TextContent);

    [Fact]
    public void ALinkReferenceDefinitionStaysVisible() =>
        Assert.Contains("[1]: https://club.example", Body("[1]: https://club.example").TextContent, StringComparison.Ordinal);

    [Theory]
    [InlineData(">", "", 4000)]
    [InlineData("> ", "", 40)]
    [InlineData("1. ", "", 1300)]
    [InlineData("*_", "_*", 1000)]
    [InlineData("[", "](https://x.example)", 150)]
    [InlineData("[", "", 4000)]
    public void NestingDeeperThanAChatNeedsIsShownAsText(string opening, string closing, int times)
    {
        var text = string.Concat(Enumerable.Repeat(opening, times)) + "deep" + string.Concat(Enumerable.Repeat(closing, times));

        var body = Body(text);

        Assert.InRange(Depth(body), 1, 2 * 16 + 2);
        Assert.Contains("deep", body.TextContent, StringComparison.Ordinal);
    }

    static int Depth(IElement element) => 1 + element.Children.Select(Depth).DefaultIfEmpty(0).Max();

    [Fact]
    public void ANewTextIsFormattedAgain()
    {
        var rendered = Render<MessageBody>(p => p.Add(b => b.Text, "**before**"));

        rendered.Render(p => p.Add(b => b.Text, "`after`"));

        Assert.Equal("after", rendered.Find(".message-body code").TextContent);
        Assert.Empty(rendered.FindAll(".message-body strong"));
    }

    IElement Body(string text) => Render<MessageBody>(p => p.Add(b => b.Text, text)).Find(".message-body");
}
