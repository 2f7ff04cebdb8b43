using System.Net;
using Squadra.Contracts.NotificationPreferences;

namespace Squadra.Web.Tests;

/// <summary>The profile's "Outside Squadra": push and email per kind, each box saved as it is clicked.</summary>
public sealed class NotificationPreferencesPanelTests : SquadraTestContext
{
    internal static readonly NotificationPreferencesDto Defaults = new(new(true, true), new(true, true), new(true, true), new(true, false));

    [Fact]
    public void EachKindShowsItsTwoChannelsAsTheServerHoldsThem()
    {
        var panel = RenderWithDefaults(hasEmail: true);

        panel.WaitForAssertion(() => Assert.Equal(8, panel.FindAll("input[type=checkbox]").Count));
        Assert.True(panel.Find("#email-mentions").HasAttribute("checked"));
        Assert.False(panel.Find("#email-events").HasAttribute("checked"));
        Assert.Equal("Events of my teams by email", panel.Find("#email-events").GetAttribute("aria-label"));
        Assert.DoesNotContain("add one to get any", panel.Find(".hint").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ClickingABoxSendsThatOneChangeAndSaysSaved()
    {
        var panel = RenderWithDefaults(hasEmail: true);
        panel.WaitForAssertion(() => panel.Find("#email-mentions"));
        Api.Answer(HttpMethod.Patch, "/api/me/notification-preferences", HttpStatusCode.OK, Defaults with { Mentions = new(true, false) });

        panel.Find("#email-mentions").Change(false);

        panel.WaitForAssertion(() => Assert.Equal("Saved.", panel.Find(".saved").TextContent));
        var body = Api.BodyOf(Assert.Single(Api.To(HttpMethod.Patch, "/api/me/notification-preferences")));
        Assert.Contains("\"mentions\":{\"push\":null,\"email\":false}", body, StringComparison.Ordinal);
        Assert.Contains("\"invitations\":null", body, StringComparison.Ordinal);
        Assert.False(panel.Find("#email-mentions").HasAttribute("checked"));
    }

    [Fact]
    public void ARefusedChangeSaysWhyAndKeepsWhatTheServerHolds()
    {
        var panel = RenderWithDefaults(hasEmail: true);
        panel.WaitForAssertion(() => panel.Find("#push-dms"));
        Api.AnswerProblem(HttpMethod.Patch, "/api/me/notification-preferences", HttpStatusCode.ServiceUnavailable, "Try again in a moment.");

        panel.Find("#push-dms").Change(false);

        panel.WaitForAssertion(() => Assert.Equal("Try again in a moment.", panel.Find("[data-testid=form-error]").TextContent));
        Assert.True(panel.Find("#push-dms").HasAttribute("checked"));
        Assert.Equal("", panel.Find(".saved").TextContent);
    }

    [Fact]
    public void WithoutAnAddressItSaysEmailNeedsOne()
    {
        var panel = RenderWithDefaults(hasEmail: false);

        panel.WaitForAssertion(() => Assert.Contains("add one to get any", panel.Find(".hint").TextContent, StringComparison.Ordinal));
    }

    IRenderedComponent<NotificationPreferencesPanel> RenderWithDefaults(bool hasEmail)
    {
        Api.Answer(HttpMethod.Get, "/api/me/notification-preferences", HttpStatusCode.OK, Defaults);
        return Render<NotificationPreferencesPanel>(parameters => parameters.Add(p => p.HasEmail, hasEmail));
    }
}
