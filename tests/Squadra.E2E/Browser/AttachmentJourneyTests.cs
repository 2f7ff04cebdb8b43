using System.Text;
using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 20, attachments: Ana attaches an image and a PDF with the composer's file button, watches them upload as chips
/// and sends them with a line of text; Ben sees the thumbnail live (loaded from its signed address under the gateway's
/// Content-Security-Policy) and the PDF's card, opens the image at full size and closes the viewer with Escape, the focus
/// back on the thumbnail. At a laptop's size and a phone's; pictures in artifacts/screens/ (attachments-*.png,
/// attachment-viewer-*.png), checked by axe-core as the other screens are.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AttachmentJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    public static TheoryData<string, int, int> Sizes => Screens.Sizes;

    // The smallest well-formed PDF: one empty page.
    const string MinimalPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AnImageAndAPdfSentByOneMemberShowLiveForTheOtherAndTheImageOpensAtFullSize(string device, int width, int height)
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Souza", "ana.");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor", "ben.");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"Files {Guid.NewGuid():N}"[..14]);
        await using var anaContext = await NewContextAsync(width, height);
        await using var benContext = await NewContextAsync(width, height);
        await Screens.AddAxeAsync(benContext);
        var anaPage = await ChatJourneyTests.OpenTeamAsync(anaContext, ana.User.Username, team.Id);
        var benPage = await ChatJourneyTests.OpenTeamAsync(benContext, ben.User.Username, team.Id);
        await ChatJourneyTests.SendAsync(anaPage, "Here is the line-up for Saturday.");
        await Assertions.Expect(ChatJourneyTests.Message(benPage, "line-up for Saturday")).ToBeVisibleAsync(new() { Timeout = Patience });

        // A real PNG to upload: a picture of Ana's own chat as it is now.
        var picture = await anaPage.ScreenshotAsync(new() { Clip = new() { X = 0, Y = 0, Width = Math.Min(width, 640), Height = 400 } });
        var pane = anaPage.Locator("[data-testid=chat-pane]");
        var send = pane.Locator("[data-testid=send-message]");
        await Assertions.Expect(send).ToBeDisabledAsync();

        // Ana: the paperclip opens the file chooser; each file becomes a chip and uploads at once.
        var chooser = await anaPage.RunAndWaitForFileChooserAsync(() => pane.GetByRole(AriaRole.Button, new() { Name = "Attach files" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "line-up.png", MimeType = "image/png", Buffer = picture });
        chooser = await anaPage.RunAndWaitForFileChooserAsync(() => pane.GetByRole(AriaRole.Button, new() { Name = "Attach files" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "kit-list.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes(MinimalPdf) });
        var chips = pane.Locator("[data-testid=attachment-chip]");
        await Assertions.Expect(chips).ToHaveCountAsync(2);
        await Assertions.Expect(pane.Locator("[data-testid=upload-progress]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(pane.Locator("[data-testid=upload-error]")).ToHaveCountAsync(0);
        await Assertions.Expect(send).ToBeEnabledAsync();
        await anaPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"attachment-chips-{device}") });

        await anaPage.FillAsync("#messageBody", "Photo of the board and the kit list.");
        await send.ClickAsync();
        await Assertions.Expect(chips).ToHaveCountAsync(0);
        await Assertions.Expect(pane.Locator("[data-testid=message-pending]")).ToHaveCountAsync(0, new() { Timeout = Patience });

        // Ben: the message arrives live with the thumbnail (loaded, at its own proportions) and the PDF's card.
        var message = ChatJourneyTests.Message(benPage, "Photo of the board");
        await Assertions.Expect(message).ToBeVisibleAsync(new() { Timeout = Patience });
        var thumbnail = message.Locator("[data-testid=attachment-image]");
        var image = thumbnail.Locator("img");
        await Assertions.Expect(image).ToHaveAttributeAsync("alt", "line-up.png");
        await LoadedAsync(image);
        var card = message.Locator("[data-testid=attachment-file]");
        await Assertions.Expect(card).ToContainTextAsync("kit-list.pdf");
        await Assertions.Expect(card.Locator("[data-testid=attachment-download]")).ToHaveAttributeAsync("download", "kit-list.pdf");
        var box = await image.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width <= width, $"The thumbnail ({box.Width}px) is wider than the screen ({width}px).");
        await benPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"attachments-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(benPage));

        // The viewer: the full image, its name, a download link; Escape closes it and the focus is back on the thumbnail.
        await thumbnail.ClickAsync();
        var viewer = benPage.Locator("[data-testid=image-viewer]");
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Locator("h2")).ToHaveTextAsync("line-up.png");
        await Assertions.Expect(viewer.Locator("[data-testid=download-attachment]")).ToHaveAttributeAsync("download", "line-up.png");
        await LoadedAsync(viewer.Locator("img"));
        await benPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"attachment-viewer-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(benPage));
        await benPage.Keyboard.PressAsync("Escape");
        await Assertions.Expect(viewer).ToHaveCountAsync(0);
        await Assertions.Expect(thumbnail).ToBeFocusedAsync();
    }

    // Loaded and decoded: its signed address answered with an image the page's Content-Security-Policy let in.
    static async Task LoadedAsync(ILocator image) =>
        await image.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await image.ElementHandleAsync(),
            new() { Timeout = Patience });
}
