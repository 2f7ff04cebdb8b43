using System.Text;
using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 20, attachments, both ways between a laptop and a phone: Ana, on a laptop, attaches an image and a PDF with the
/// composer's file button, watches them upload as chips and sends them with a line of text; Ben, on a phone, sees the
/// thumbnail live (loaded from its signed address under the gateway's Content-Security-Policy) and the PDF's card, opens
/// the image at full size and closes the viewer with Escape, the focus back on the thumbnail. Then Ben sends his own
/// image and PDF the same way from the phone, and Ana sees and opens them on the laptop. Pictures in artifacts/screens/
/// (attachment-chips-*.png from the sender, attachments-*.png and attachment-viewer-*.png from the receiver: the laptop's
/// from Ana, the phone's from Ben), the received ones checked by axe-core as the other screens are.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AttachmentJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    // The smallest well-formed PDF: one empty page.
    const string MinimalPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

    [Fact]
    public async Task AnImageAndAPdfSentByOneMemberShowLiveForTheOtherAndTheImageOpensAtFullSize()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Souza", "ana.");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor", "ben.");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"Files {Guid.NewGuid():N}"[..14]);
        await using var anaContext = await NewContextAsync(1280, 800);
        await using var benContext = await NewContextAsync(390, 844);
        await Screens.AddAxeAsync(anaContext);
        await Screens.AddAxeAsync(benContext);
        var anaPage = await ChatJourneyTests.OpenTeamAsync(anaContext, ana.User.Username, team.Id);
        var benPage = await ChatJourneyTests.OpenTeamAsync(benContext, ben.User.Username, team.Id);
        await ChatJourneyTests.SendAsync(anaPage, "Here is the line-up for Saturday.");
        await Assertions.Expect(ChatJourneyTests.Message(benPage, "line-up for Saturday")).ToBeVisibleAsync(new() { Timeout = Patience });

        // Ana's laptop to Ben's phone.
        await SendAsync(anaPage, 1280, "laptop", "line-up.png", "kit-list.pdf", "Photo of the board and the kit list.");
        await ReceiveAndOpenAsync(benPage, 390, "phone", "Photo of the board", "line-up.png", "kit-list.pdf");

        // Ben's phone to Ana's laptop.
        await SendAsync(benPage, 390, "phone", "pitch.png", "directions.pdf", "The pitch from the gate, and how to get there.");
        await ReceiveAndOpenAsync(anaPage, 1280, "laptop", "The pitch from the gate", "pitch.png", "directions.pdf");
    }

    // The paperclip opens the file chooser; each file becomes a chip and uploads at once; sent with a line of text.
    static async Task SendAsync(IPage page, int width, string device, string imageName, string pdfName, string text)
    {
        // A real PNG to upload: a picture of the sender's own chat as it is now.
        var picture = await page.ScreenshotAsync(new() { Clip = new() { X = 0, Y = 0, Width = Math.Min(width, 640), Height = 400 } });
        var pane = page.Locator("[data-testid=chat-pane]");
        var send = pane.Locator("[data-testid=send-message]");
        await Assertions.Expect(send).ToBeDisabledAsync();

        var chooser = await page.RunAndWaitForFileChooserAsync(() => pane.GetByRole(AriaRole.Button, new() { Name = "Attach files" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = imageName, MimeType = "image/png", Buffer = picture });
        chooser = await page.RunAndWaitForFileChooserAsync(() => pane.GetByRole(AriaRole.Button, new() { Name = "Attach files" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = pdfName, MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes(MinimalPdf) });
        var chips = pane.Locator("[data-testid=attachment-chip]");
        await Assertions.Expect(chips).ToHaveCountAsync(2);
        await Assertions.Expect(pane.Locator("[data-testid=upload-progress]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(pane.Locator("[data-testid=upload-error]")).ToHaveCountAsync(0);
        await Assertions.Expect(send).ToBeEnabledAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"attachment-chips-{device}") });

        await page.FillAsync("#messageBody", text);
        await send.ClickAsync();
        await Assertions.Expect(chips).ToHaveCountAsync(0);
        await Assertions.Expect(pane.Locator("[data-testid=message-pending]")).ToHaveCountAsync(0, new() { Timeout = Patience });
    }

    // The message arrives live with the thumbnail (loaded, at its own proportions, no wider than the screen) and the
    // PDF's card; the viewer shows the full image, its name, a download link; Escape closes it, the focus back on the thumbnail.
    static async Task ReceiveAndOpenAsync(IPage page, int width, string device, string text, string imageName, string pdfName)
    {
        var message = ChatJourneyTests.Message(page, text);
        await Assertions.Expect(message).ToBeVisibleAsync(new() { Timeout = Patience });
        var thumbnail = message.Locator("[data-testid=attachment-image]");
        var image = thumbnail.Locator("img");
        await Assertions.Expect(image).ToHaveAttributeAsync("alt", imageName);
        await LoadedAsync(image);
        var card = message.Locator("[data-testid=attachment-file]");
        await Assertions.Expect(card).ToContainTextAsync(pdfName);
        await Assertions.Expect(card.Locator("[data-testid=attachment-download]")).ToHaveAttributeAsync("download", pdfName);
        var box = await image.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width <= width, $"The thumbnail ({box.Width}px) is wider than the screen ({width}px).");
        await Screens.PhotographAndAuditAsync(page, $"attachments-{device}");

        await thumbnail.ClickAsync();
        var viewer = page.Locator("[data-testid=image-viewer]");
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Locator("h2")).ToHaveTextAsync(imageName);
        await Assertions.Expect(viewer.Locator("[data-testid=download-attachment]")).ToHaveAttributeAsync("download", imageName);
        await LoadedAsync(viewer.Locator("img"));
        await Screens.PhotographAndAuditAsync(page, $"attachment-viewer-{device}");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(viewer).ToHaveCountAsync(0);
        await Assertions.Expect(thumbnail).ToBeFocusedAsync();
    }

    // Loaded and decoded: its signed address answered with an image the page's Content-Security-Policy let in.
    static async Task LoadedAsync(ILocator image) =>
        await image.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await image.ElementHandleAsync(),
            new() { Timeout = Patience });
}
