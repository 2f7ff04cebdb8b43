using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;
using Squadra.Web.Features.Chat.Attachments;
using static Squadra.Web.Tests.ChatPaneQueries;

namespace Squadra.Web.Tests;

/// <summary>A message's files as the chat shows them (MessageAttachments): images inline, other files as cards.</summary>
public sealed class AttachmentMessageTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    // The API's signed addresses expire on the hour, one to two hours ahead (unix seconds in `expires`).
    static readonly DateTimeOffset s_now = new(2026, 12, 6, 12, 10, 0, TimeSpan.Zero);
    static readonly long s_expires = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    static readonly AttachmentDto s_photo = new("a-1", "beach.jpg", "image/jpeg", 800_000, 1200, 800,
        $"/api/attachments/a-1/content?expires={s_expires}&signature=old", $"/api/attachments/a-1/thumbnail?expires={s_expires}&signature=old");

    static readonly AttachmentDto s_pdf = new("a-2", "minutes.pdf", "application/pdf", 2_516_582, null, null,
        $"/api/attachments/a-2/content?expires={s_expires}&signature=s", null);

    readonly ManualClock _clock = new();
    readonly BunitJSModuleInterop _module;

    public AttachmentMessageTests()
    {
        _clock.SetNow(s_now);
        Services.AddSingleton<TimeProvider>(_clock);
        _module = JSInterop.SetupModule("./js/attachments.js");
    }

    [Fact]
    public async Task AnImageIsItsThumbnailScaledToFitWithItsNameAsAlt()
    {
        var pane = await RenderTeamChatAsync(Message(1, "look", s_photo));

        var image = pane.Find("[data-testid=attachment-image] img");
        Assert.Equal($"http://localhost/api/attachments/a-1/thumbnail?expires={s_expires}&signature=old", image.GetAttribute("src"));
        Assert.Equal("beach.jpg", image.GetAttribute("alt"));
        // 1200×800 into 360×240: the proportions kept, so the space is held before it loads.
        Assert.Equal(("360", "240"), (image.GetAttribute("width"), image.GetAttribute("height")));
    }

    [Fact]
    public async Task ClickingAnImageOpensItAtFullSizeWithADownloadAndEscapeClosesIt()
    {
        var pane = await RenderTeamChatAsync(Message(1, "look", s_photo));

        pane.Find("[data-testid=attachment-image]").Click();

        var viewer = pane.Find("[data-testid=image-viewer]");
        Assert.Equal("dialog", viewer.GetAttribute("role"));
        Assert.Contains("beach.jpg", viewer.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"http://localhost/api/attachments/a-1/content?expires={s_expires}&signature=old", viewer.QuerySelector("img")!.GetAttribute("src"));
        var download = pane.Find("[data-testid=download-attachment]");
        Assert.Equal("beach.jpg", download.GetAttribute("download"));
        Assert.Equal($"http://localhost/api/attachments/a-1/content?expires={s_expires}&signature=old", download.GetAttribute("href"));

        viewer.KeyDown(Key.Escape);

        Assert.Empty(pane.FindAll("[data-testid=image-viewer]"));
        Assert.Contains(JSInterop.Invocations, call => call.Identifier == "Blazor._internal.domWrapper.focus");
    }

    [Fact]
    public async Task AFileIsACardWithItsNameSizeTypeAndADownloadLink()
    {
        var pane = await RenderTeamChatAsync(Message(1, "the minutes", s_pdf));

        var card = pane.Find("[data-testid=attachment-file]");
        var link = card.QuerySelector("[data-testid=attachment-download]")!;
        Assert.Equal("minutes.pdf", link.TextContent.Trim());
        Assert.Equal($"http://localhost/api/attachments/a-2/content?expires={s_expires}&signature=s", link.GetAttribute("href"));
        Assert.Equal("minutes.pdf", link.GetAttribute("download"));
        Assert.Equal($"{FileSizes.Describe(2_516_582)} · PDF document", card.QuerySelector("[data-testid=attachment-meta]")!.TextContent.Trim());
        Assert.Empty(pane.FindAll("[data-testid=attachment-image]"));
    }

    [Fact]
    public async Task AMessageOfFilesAloneShowsOnlyTheFiles()
    {
        var pane = await RenderTeamChatAsync(Message(1, "", s_photo, s_pdf));

        var message = pane.Find("[data-testid=message]");
        Assert.Empty(message.QuerySelectorAll(".message-body"));
        Assert.NotNull(message.QuerySelector("[data-testid=attachment-image]"));
        Assert.NotNull(message.QuerySelector("[data-testid=attachment-file]"));
    }

    [Fact]
    public async Task AnImageThatDoesNotLoadGetsFreshAddressesOnceAndIsTriedAgain()
    {
        var pane = await RenderTeamChatAsync(Message(1, "look", s_photo));
        var fresh = s_photo with { ThumbnailUrl = "/api/attachments/a-1/thumbnail?expires=2&signature=new" };
        Api.AnswerAlways(HttpMethod.Get, "/api/attachments/a-1", HttpStatusCode.OK, fresh);

        await pane.Find("[data-testid=attachment-image] img").TriggerEventAsync("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());

        pane.WaitForAssertion(() => Assert.Equal("http://localhost/api/attachments/a-1/thumbnail?expires=2&signature=new",
            pane.Find("[data-testid=attachment-image] img").GetAttribute("src")));

        await pane.Find("[data-testid=attachment-image] img").TriggerEventAsync("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());
        await Task.Delay(50);
        Assert.Single(Api.To(HttpMethod.Get, "/api/attachments/a-1"));
    }

    [Fact]
    public async Task AFileCardsLinkDownloadsByItselfUntilItsAddressExpiresThenFromAFreshOne()
    {
        var pane = await RenderTeamChatAsync(Message(1, "the minutes", s_pdf));
        var fresh = s_pdf with { Url = "/api/attachments/a-2/content?expires=9999999999&signature=new" };
        Api.AnswerAlways(HttpMethod.Get, "/api/attachments/a-2", HttpStatusCode.OK, fresh);

        // Fresh: the browser follows the link; nothing is asked for.
        pane.Find("[data-testid=attachment-download]").Click();
        Assert.Empty(Api.To(HttpMethod.Get, "/api/attachments/a-2"));

        // 13:00 less the margin: expired for the card too (a page left open), the click renews it and downloads from that.
        _clock.Advance(TimeSpan.FromMinutes(50) - SignedUrls.Margin);
        pane.Find("[data-testid=attachment-download]").Click();

        pane.WaitForAssertion(() => Assert.Equal("http://localhost/api/attachments/a-2/content?expires=9999999999&signature=new",
            pane.Find("[data-testid=attachment-download]").GetAttribute("href")));
        Assert.Single(Api.To(HttpMethod.Get, "/api/attachments/a-2"));
        var download = _module.Invocations["download"].Single();
        Assert.Equal<object?>(["http://localhost/api/attachments/a-2/content?expires=9999999999&signature=new", "minutes.pdf"], download.Arguments);
    }

    [Fact]
    public async Task AnExpiredFileCardWhoseFileIsGoneSaysSo()
    {
        var pane = await RenderTeamChatAsync(Message(1, "the minutes", s_pdf));
        Api.AnswerProblem(HttpMethod.Get, "/api/attachments/a-2", HttpStatusCode.NotFound, "attachment not found");
        _clock.Advance(TimeSpan.FromHours(1));

        pane.Find("[data-testid=attachment-download]").Click();

        pane.WaitForAssertion(() => Assert.Equal("No longer available", pane.Find("[data-testid=attachment-meta] [role=alert]").TextContent));
        Assert.Empty(_module.Invocations["download"]);
    }

    [Fact]
    public async Task AnImageOpenedAfterItsAddressesExpiredOpensOnFreshOnes()
    {
        var pane = await RenderTeamChatAsync(Message(1, "look", s_photo));
        var fresh = s_photo with { Url = "/api/attachments/a-1/content?expires=9999999999&signature=new" };
        Api.AnswerAlways(HttpMethod.Get, "/api/attachments/a-1", HttpStatusCode.OK, fresh);

        pane.Find("[data-testid=attachment-image]").Click();
        pane.Find("[data-testid=image-viewer]").KeyDown(Key.Escape);
        Assert.Empty(Api.To(HttpMethod.Get, "/api/attachments/a-1"));

        _clock.Advance(TimeSpan.FromHours(1));
        pane.Find("[data-testid=attachment-image]").Click();

        pane.WaitForAssertion(() => Assert.Equal("http://localhost/api/attachments/a-1/content?expires=9999999999&signature=new",
            pane.Find("[data-testid=image-viewer] img").GetAttribute("src")));
        Assert.Single(Api.To(HttpMethod.Get, "/api/attachments/a-1"));
    }

    [Fact]
    public async Task TheAuthorMayEmptyTheTextOfAMessageWithFilesButNotOfOneWithout()
    {
        var pane = await RenderTeamChatAsync(Message(1, "caption", s_pdf) with { Author = Alice }, Message(2, "just text") with { Author = Alice });
        Api.Answer(HttpMethod.Patch, $"{MessagesPath}/m-1", HttpStatusCode.OK, Message(1, "", s_pdf) with { Author = Alice, EditedAt = DateTimeOffset.UtcNow });

        SaveEdit(pane, seq: 1, "  ");
        pane.WaitForAssertion(() => Assert.Empty(MessageWithSeq(pane, 1).QuerySelectorAll(".message-body")));
        SaveEdit(pane, seq: 2, "");

        var edit = JsonSerializer.Deserialize<EditMessageRequest>(Api.BodyOf(Api.To(HttpMethod.Patch, $"{MessagesPath}/m-1").Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal("", edit.Body?.Trim());
        Assert.NotNull(MessageWithSeq(pane, 1).QuerySelector("[data-testid=attachment-file]"));
        Assert.Equal("A message needs some text.", MessageWithSeq(pane, 2).QuerySelector("[role=alert]")?.TextContent.Trim());
        Assert.Empty(Api.To(HttpMethod.Patch, $"{MessagesPath}/m-2"));
    }

    static void SaveEdit(IRenderedComponent<ChatPane> pane, long seq, string text)
    {
        MessageWithSeq(pane, seq).QuerySelector("[data-testid=message-menu]")!.Click();
        MessageWithSeq(pane, seq).QuerySelector("[data-testid=edit-message]")!.Click();
        MessageWithSeq(pane, seq).QuerySelector("[data-testid=edit-body]")!.Input(text);
        MessageWithSeq(pane, seq).QuerySelector("[data-testid=save-edit]")!.Click();
    }


    static MessageDto Message(long seq, string body, params AttachmentDto[] attachments) =>
        new MessageDto($"m-{seq}", "t-1", seq, Bob, body, DateTimeOffset.UtcNow, null, false) { Attachments = attachments };
}
