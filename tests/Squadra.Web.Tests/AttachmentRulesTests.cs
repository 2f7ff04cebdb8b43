using System.Globalization;
using Squadra.Contracts.Attachments;
using Squadra.Web.Features.Chat.Attachments;

namespace Squadra.Web.Tests;

public sealed class AttachmentRulesTests
{
    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(348_160, "340 KB")]
    [InlineData(2_516_582, "2.4 MB")]
    [InlineData(AttachmentRules.MaxBytes, "10 MB")]
    public void SizesReadAsPeopleSayThem(long bytes, string expected)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            Assert.Equal(expected, FileSizes.Describe(bytes));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(1200, 800, 360, 240)]
    [InlineData(100, 50, 100, 50)]
    [InlineData(400, 1600, 60, 240)]
    [InlineData(null, null, 360, 240)]
    public void AThumbnailKeepsItsProportionsAndIsNeverEnlarged(int? width, int? height, int expectedWidth, int expectedHeight) =>
        Assert.Equal(new ThumbnailSize(expectedWidth, expectedHeight), ThumbnailSize.Fit(width, height));

    [Fact]
    public void NothingIsSentWhileAFileUploadsAndFilesAloneMayBeSent()
    {
        var uploads = new ComposerUploads();
        Assert.False(uploads.CanSend(hasText: false));
        Assert.True(uploads.CanSend(hasText: true));

        var (accepted, _, _) = uploads.Offer([new ChosenFile("f-1", "a.pdf", 10, "application/pdf")]);
        Assert.False(uploads.CanSend(hasText: true));

        accepted[0].Attachment = new("a-1", "a.pdf", "application/pdf", 10, null, null, "/u", null);
        Assert.True(uploads.CanSend(hasText: false));
    }

    [Fact]
    public void OnlyTheUploadedFilesLeaveWithTheMessage()
    {
        var uploads = new ComposerUploads();
        var (accepted, _, _) = uploads.Offer([new ChosenFile("f-1", "a.pdf", 10, "application/pdf"), new ChosenFile("f-2", "b.pdf", 10, "application/pdf")]);
        accepted[0].Attachment = new("a-1", "a.pdf", "application/pdf", 10, null, null, "/u", null);
        accepted[1].Error = "Not uploaded.";

        var sent = uploads.TakeFinished();

        Assert.Equal(["f-1"], sent.Select(u => u.File.Id));
        Assert.Equal(["f-2"], uploads.All.Select(u => u.File.Id));
    }

    [Theory]
    [InlineData("application/pdf", "x.pdf", "PDF")]
    [InlineData("application/octet-stream", "budget.xlsx", "XLS")]
    [InlineData("text/plain", "notes.txt", "TXT")]
    [InlineData("application/octet-stream", "blob", "FILE")]
    public void AFilesKindIsKnownByItsTypeOrName(string contentType, string name, string badge) =>
        Assert.Equal(badge, FileKinds.Of(contentType, name).Badge);
}
