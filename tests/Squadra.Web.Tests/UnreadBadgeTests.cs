using Squadra.Web.Components;

namespace Squadra.Web.Tests;

public sealed class UnreadBadgeTests : BunitContext
{
    [Fact]
    public void NothingIsShownWhenNothingIsUnread()
    {
        var badge = Render<UnreadBadge>(parameters => parameters.Add(p => p.Count, 0).Add(p => p.Of, "message"));

        Assert.Equal("", badge.Markup.Trim());
    }

    [Theory]
    [InlineData(1, "1")]
    [InlineData(42, "42")]
    [InlineData(99, "99")]
    [InlineData(100, "99+")]
    [InlineData(12_345, "99+")]
    public void TheCountStopsAt99Plus(long count, string shown)
    {
        var badge = Render<UnreadBadge>(parameters => parameters.Add(p => p.Count, count).AddUnmatched("data-testid", "badge"));

        Assert.Equal(shown, badge.Find("[data-testid=badge]").TextContent);
    }

    [Fact]
    public void AScreenReaderHearsWhatIsCounted()
    {
        var one = Render<UnreadBadge>(parameters => parameters.Add(p => p.Count, 1).Add(p => p.Of, "message"));
        var many = Render<UnreadBadge>(parameters => parameters.Add(p => p.Count, 250).Add(p => p.Of, "message"));

        Assert.Equal("unread message", one.Find(".visually-hidden").TextContent);
        Assert.Equal("99+", many.Find(".unread-badge").TextContent);
        Assert.Equal("unread messages", many.Find(".visually-hidden").TextContent);
    }

    [Fact]
    public void InsideALabelledControlItIsTheNumberAlone()
    {
        var badge = Render<UnreadBadge>(parameters => parameters.Add(p => p.Count, 3).AddUnmatched("title", "Unread"));

        Assert.Empty(badge.FindAll(".visually-hidden"));
        Assert.Equal("Unread", badge.Find(".unread-badge").GetAttribute("title"));
    }
}
