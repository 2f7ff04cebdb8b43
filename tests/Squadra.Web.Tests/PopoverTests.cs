using Microsoft.AspNetCore.Components;
using Squadra.Web.Components;

namespace Squadra.Web.Tests;

public sealed class PopoverTests : BunitContext
{
    public PopoverTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void TheButtonOpensThePanelAndSaysSo()
    {
        var popover = RenderPopover();
        var button = popover.Find("[data-testid=trigger]");
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Empty(popover.FindAll(".inside"));

        button.Click();

        Assert.Equal("true", popover.Find("[data-testid=trigger]").GetAttribute("aria-expanded"));
        Assert.NotNull(popover.Find(".inside"));
    }

    [Fact]
    public void AClickOutsideThePanelClosesIt()
    {
        var popover = RenderPopover();
        popover.Find("[data-testid=trigger]").Click();

        popover.Find(".scrim").Click();

        Assert.Empty(popover.FindAll(".inside"));
        Assert.Empty(FocusCalls());
    }

    [Fact]
    public void EscapeInThePanelClosesItAndGivesFocusBackToTheButton()
    {
        var popover = RenderPopover();
        // (Read before a re-render: bUnit's markup of a re-rendered element may lose its reference id.)
        var button = popover.Find("[data-testid=trigger]").GetAttribute("blazor:elementReference");
        popover.Find("[data-testid=trigger]").Click();

        popover.Find(".inside").KeyDown(Key.Escape);

        Assert.Empty(popover.FindAll(".inside"));
        Assert.False(string.IsNullOrEmpty(button));
        Assert.Equal(button, Assert.Single(FocusCalls()));
    }

    [Fact]
    public void OtherKeysLeaveItOpen()
    {
        var popover = RenderPopover();
        popover.Find("[data-testid=trigger]").Click();

        popover.Find(".inside").KeyDown(Key.Enter);

        Assert.NotNull(popover.Find(".inside"));
    }

    IRenderedComponent<Popover> RenderPopover() => Render<Popover>(parameters => parameters
        .Add(p => p.Trigger, "Open")
        .Add(p => p.Panel, "<p class=\"inside\" tabindex=\"-1\">Inside</p>")
        .AddUnmatched("data-testid", "trigger")
        .AddUnmatched("class", "toggle"));

    List<string?> FocusCalls() =>
        [.. JSInterop.Invocations.Where(call => call.Identifier == "Blazor._internal.domWrapper.focus")
            .Select(call => ((ElementReference)call.Arguments[0]!).Id)];
}
