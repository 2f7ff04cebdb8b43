using System.Net;
using Squadra.Client.Chat;
using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.Chat.Attachments;

namespace Squadra.Web.Tests;

/// <summary>A message's files as the chat shows them (MessageAttachments): images inline, other files as cards.</summary>
public sealed class AttachmentMessageTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    static readonly AttachmentDto s_photo = new("a-1", "beach.jpg", "image/jpeg", 800_000, 1200, 800,
        "/api/attachments/a-1/content?expires=1&signature=old", "/api/attachments/a-1/thumbnail?expires=1&signature=old");

    static readonly AttachmentDto s_pdf = new("a-2", "minutes.pdf", "application/pdf", 2_516_582, null, null,
        "/api/attachments/a-2/content?expires=1&signature=s", null);

    [Fact]
    public async Task AnImageIsItsThumbnailScaledToFitWithItsNameAsAlt()
    {
        var pane = await RenderPaneAsync(Message(1, "look", s_photo));

        var image = pane.Find("[data-testid=attachment-image] img");
        Assert.Equal("http://localhost/api/attachments/a-1/thumbnail?expires=1&signature=old", image.GetAttribute("src"));
        Assert.Equal("beach.jpg", image.GetAttribute("alt"));
        // 1200×800 into 360×240: the proportions kept, so the space is held before it loads.
        Assert.Equal(("360", "240"), (image.GetAttribute("width"), image.GetAttribute("height")));
    }

    [Fact]
    public async Task ClickingAnImageOpensItAtFullSizeWithADownloadAndEscapeClosesIt()
    {
        var pane = await RenderPaneAsync(Message(1, "look", s_photo));

        pane.Find("[data-testid=attachment-image]").Click();

        var viewer = pane.Find("[data-testid=image-viewer]");
        Assert.Equal("dialog", viewer.GetAttribute("role"));
        Assert.Contains("beach.jpg", viewer.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("http://localhost/api/attachments/a-1/content?expires=1&signature=old", viewer.QuerySelector("img")!.GetAttribute("src"));
        var download = pane.Find("[data-testid=download-attachment]");
        Assert.Equal("beach.jpg", download.GetAttribute("download"));
        Assert.Equal("http://localhost/api/attachments/a-1/content?expires=1&signature=old", download.GetAttribute("href"));

        viewer.KeyDown(Key.Escape);

        Assert.Empty(pane.FindAll("[data-testid=image-viewer]"));
        Assert.Contains(JSInterop.Invocations, call => call.Identifier == "Blazor._internal.domWrapper.focus");
    }

    [Fact]
    public async Task AFileIsACardWithItsNameSizeTypeAndADownloadLink()
    {
        var pane = await RenderPaneAsync(Message(1, "the minutes", s_pdf));

        var card = pane.Find("[data-testid=attachment-file]");
        var link = card.QuerySelector("[data-testid=attachment-download]")!;
        Assert.Equal("minutes.pdf", link.TextContent.Trim());
        Assert.Equal("http://localhost/api/attachments/a-2/content?expires=1&signature=s", link.GetAttribute("href"));
        Assert.Equal("minutes.pdf", link.GetAttribute("download"));
        Assert.Equal($"{FileSizes.Describe(2_516_582)} · PDF document", card.QuerySelector("[data-testid=attachment-meta]")!.TextContent.Trim());
        Assert.Empty(pane.FindAll("[data-testid=attachment-image]"));
    }

    [Fact]
    public async Task AMessageOfFilesAloneShowsOnlyTheFiles()
    {
        var pane = await RenderPaneAsync(Message(1, "", s_photo, s_pdf));

        var message = pane.Find("[data-testid=message]");
        Assert.Empty(message.QuerySelectorAll(".message-body"));
        Assert.NotNull(message.QuerySelector("[data-testid=attachment-image]"));
        Assert.NotNull(message.QuerySelector("[data-testid=attachment-file]"));
    }

    [Fact]
    public async Task AnImageThatDoesNotLoadGetsFreshAddressesOnceAndIsTriedAgain()
    {
        var pane = await RenderPaneAsync(Message(1, "look", s_photo));
        var fresh = s_photo with { ThumbnailUrl = "/api/attachments/a-1/thumbnail?expires=2&signature=new" };
        Api.AnswerAlways(HttpMethod.Get, "/api/attachments/a-1", HttpStatusCode.OK, fresh);

        await pane.Find("[data-testid=attachment-image] img").TriggerEventAsync("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());

        pane.WaitForAssertion(() => Assert.Equal("http://localhost/api/attachments/a-1/thumbnail?expires=2&signature=new",
            pane.Find("[data-testid=attachment-image] img").GetAttribute("src")));

        await pane.Find("[data-testid=attachment-image] img").TriggerEventAsync("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());
        await Task.Delay(50);
        Assert.Single(Api.To(HttpMethod.Get, "/api/attachments/a-1"));
    }

    async Task<IRenderedComponent<ChatPane>> RenderPaneAsync(params MessageDto[] newest)
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, newest);
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, TeamRoles.Member));
        pane.WaitForAssertion(() => Assert.NotEmpty(pane.FindAll("[data-testid=message]")));
        return pane;
    }

    static MessageDto Message(long seq, string body, params AttachmentDto[] attachments) =>
        new MessageDto($"m-{seq}", "t-1", seq, Bob, body, DateTimeOffset.UtcNow, null, false) { Attachments = attachments };
}
