using System.Net;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Search;
using Squadra.Web.Features.Search;

namespace Squadra.Web.Tests;

public sealed class SearchPageTests : SquadraTestContext
{
    static MessageDto Message(string id, string body, string? teamId = "t-1", string? dmId = null) =>
        new(id, teamId, 1, Bob, body, Earlier, null, false) { DmId = dmId };

    [Fact]
    public async Task ResultsShowWhereWhoAndTheBodyWithItsMatchesMarkedAsTextNeverAsMarkup()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/search", HttpStatusCode.OK, new[]
        {
            new SearchResultDto(Message("m-1", "<b>training</b> at 6"), "Choir", "&lt;b&gt;<mark>training</mark>&lt;/b&gt; at 6"),
        });
        Navigation.NavigateTo("search?q=training");

        var page = Render<SearchPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=search-result]")));
        var result = page.Find("[data-testid=search-result]");
        Assert.Equal("Choir", result.QuerySelector(".where")!.TextContent);
        Assert.EndsWith("teams/t-1?message=1", result.QuerySelector(".where")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("Bob Dylan", result.TextContent, StringComparison.Ordinal);
        Assert.Equal("training", result.QuerySelector("mark")!.TextContent);
        Assert.Equal("<b>training</b> at 6", result.QuerySelector(".body")!.TextContent);
        Assert.Null(result.QuerySelector(".body b"));
        Assert.Equal("?q=training&limit=20", Api.To(HttpMethod.Get, "/api/search").Single().RequestUri!.Query);
    }

    [Fact]
    public async Task ADmResultIsNamedAfterItsOtherMembersAndLinksToIt()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[] { new DmDto("d-1", [Alice, Bob], 1, 1, Earlier, Earlier) })
            .Answer(HttpMethod.Get, "/api/search", HttpStatusCode.OK, new[]
            {
                new SearchResultDto(Message("m-2", "hello there", teamId: null, dmId: "d-1"), null, "<mark>hello</mark> there"),
            });
        Navigation.NavigateTo("search?q=hello");

        var page = Render<SearchPage>();

        page.WaitForAssertion(() => Assert.Equal("Bob Dylan", page.Find("[data-testid=search-result] .where").TextContent));
        Assert.EndsWith("dms/d-1?message=1", page.Find("[data-testid=search-result] .where").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchingPutsTheWordsInTheAddressAndNothingFoundSaysSo()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/search", HttpStatusCode.OK, Array.Empty<SearchResultDto>());
        var page = Render<SearchPage>();

        page.Find("[data-testid=search-query]").Input("\"blue shirts\"");
        page.Find("form").Submit();

        Assert.EndsWith("search?q=%22blue%20shirts%22", Navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("No message in your teams and direct messages matches", page.Find("[data-testid=search-nothing]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedSearchShowsTheServersWords()
    {
        await SignInAsync(Alice);
        Api.AnswerProblem(HttpMethod.Get, "/api/search", HttpStatusCode.BadRequest, "q must not contain control characters.");
        Navigation.NavigateTo("search?q=a%01");

        var page = Render<SearchPage>();

        page.WaitForAssertion(() => Assert.Contains("control characters", page.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain", new[] { "plain" }, new[] { false })]
    [InlineData("<mark>a</mark> &amp; <mark>b</mark>", new[] { "a", " & ", "b" }, new[] { true, false, true })]
    [InlineData("&lt;mark&gt;not&lt;/mark&gt; <mark>yes</mark>", new[] { "<mark>not</mark> ", "yes" }, new[] { false, true })]
    public void AHighlightBecomesPiecesOfPlainText(string highlight, string[] texts, bool[] marked)
    {
        var pieces = HighlightedText.Pieces(highlight);

        Assert.Equal(texts, pieces.Select(p => p.Text));
        Assert.Equal(marked, pieces.Select(p => p.Marked));
    }
}
