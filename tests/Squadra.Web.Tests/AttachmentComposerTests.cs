using System.Net;
using System.Text.Json;
using Squadra.Client.Chat;
using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.Chat.Attachments;

namespace Squadra.Web.Tests;

/// <summary>
/// The composer's files (ComposerAttachments). The upload itself runs in attachments.js (XMLHttpRequest, for its
/// progress), so bUnit's module interop stands in for it; the message's POST goes through <see cref="FakeApi"/>.
/// </summary>
public sealed class AttachmentComposerTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    readonly BunitJSModuleInterop _module;

    public AttachmentComposerTests() => _module = JSInterop.SetupModule("./js/attachments.js");

    [Fact]
    public async Task AnUploadedFileIsAChipAndSendingPostsItsIdWithoutText()
    {
        var pane = await RenderPaneAsync();
        var upload = _module.Setup<UploadAnswer?>("upload", _ => true);

        var choosing = Choose(pane, File("file-1", "plan.pdf", 2_500_000));

        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=upload-progress]")));
        var call = _module.Invocations["upload"].Single();
        Assert.Equal("file-1", call.Arguments[0]);
        Assert.Equal("http://localhost/api/teams/t-1/attachments", call.Arguments[1]);
        Assert.Equal("token-alice", call.Arguments[2]);
        Assert.True(pane.Find("[data-testid=send-message]").HasAttribute("disabled"));

        upload.SetResult(Uploaded(Pdf("a-1", "plan.pdf", 2_500_000)));
        await choosing;

        var chip = pane.Find("[data-testid=attachment-chip]");
        Assert.Contains("plan.pdf", chip.TextContent, StringComparison.Ordinal);
        Assert.Contains(FileSizes.Describe(2_500_000), chip.TextContent, StringComparison.Ordinal);
        Assert.Empty(pane.FindAll("[data-testid=upload-progress]"));
        Assert.False(pane.Find("[data-testid=send-message]").HasAttribute("disabled"));

        Api.Answer(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, Message(1, "", Pdf("a-1", "plan.pdf", 2_500_000)));
        pane.Find("form.compose").Submit();

        pane.WaitForAssertion(() => Assert.Equal("1", pane.Find("[data-testid=message]").GetAttribute("data-seq")));
        var post = JsonSerializer.Deserialize<PostMessageRequest>(Api.BodyOf(Api.To(HttpMethod.Post, MessagesPath).Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal(["a-1"], post.AttachmentIds);
        Assert.Equal("", post.Body);
        Assert.Empty(pane.FindAll("[data-testid=attachment-chip]"));
        Assert.Contains(_module.Invocations["forget"], forget => (string?)forget.Arguments[0] == "file-1");
    }

    [Fact]
    public async Task WithoutTextOrAnUploadedFileThereIsNothingToSend()
    {
        var pane = await RenderPaneAsync();

        Assert.True(pane.Find("[data-testid=send-message]").HasAttribute("disabled"));
        pane.Find("#messageBody").Input("hi");
        Assert.False(pane.Find("[data-testid=send-message]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task AFileOverTenMegabytesIsRefusedBeforeAnythingIsUploaded()
    {
        var pane = await RenderPaneAsync();

        await Choose(pane, File("file-1", "film.mov", AttachmentRules.MaxBytes + 1));

        var refusal = pane.Find("[data-testid=attach-refusal]");
        Assert.Contains("“film.mov” is larger than 10 MB", refusal.TextContent, StringComparison.Ordinal);
        Assert.Equal("alert", refusal.GetAttribute("role"));
        Assert.Empty(pane.FindAll("[data-testid=attachment-chip]"));
        Assert.Empty(_module.Invocations["upload"]);
        Assert.Contains(_module.Invocations["forget"], forget => (string?)forget.Arguments[0] == "file-1");
    }

    [Fact]
    public async Task AnEleventhFileIsRefusedWithTheReason()
    {
        var pane = await RenderPaneAsync();
        _module.Setup<UploadAnswer?>("upload", _ => true).SetResult(Uploaded(Pdf("a-1", "doc.pdf", 10)));

        await Choose(pane, [.. Enumerable.Range(1, 11).Select(i => File($"file-{i}", $"doc{i}.pdf", 10))]);

        Assert.Equal(10, pane.FindAll("[data-testid=attachment-chip]").Count);
        Assert.Contains("A message takes at most 10 files: “doc11.pdf” was not added.", pane.Find("[data-testid=attach-refusal]").TextContent, StringComparison.Ordinal);
        Assert.Equal(10, _module.Invocations["upload"].Count);
    }

    [Fact]
    public async Task AFailedUploadSaysWhyAndTryAgainUploadsTheSameFileAgain()
    {
        var pane = await RenderPaneAsync();
        var upload = _module.Setup<UploadAnswer?>("upload", _ => true);
        upload.SetResult(new UploadAnswer(409, """{"status":409,"title":"Conflict","detail":"The team's storage is full (1 GB)."}"""));

        await Choose(pane, File("file-1", "photo.png", 1000));

        Assert.Equal("The team's storage is full (1 GB).", pane.Find("[data-testid=upload-error]").TextContent.Trim());
        Assert.Contains("failed", pane.Find("[data-testid=attachment-chip]").ClassList);
        Assert.True(pane.Find("[data-testid=send-message]").HasAttribute("disabled"));

        upload.SetResult(Uploaded(Pdf("a-1", "photo.png", 1000)));
        await pane.Find("[data-testid=retry-upload]").ClickAsync(new());

        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=upload-error]")));
        Assert.Equal(["file-1", "file-1"], _module.Invocations["upload"].Select(c => (string?)c.Arguments[0]));
        Assert.False(pane.Find("[data-testid=send-message]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ATooLargeAnswerWithoutAProblemStillSaysTheLimit()
    {
        var pane = await RenderPaneAsync();
        _module.Setup<UploadAnswer?>("upload", _ => true).SetResult(new UploadAnswer(413, "<html>413</html>"));

        await Choose(pane, File("file-1", "scan.pdf", 1000));

        Assert.Equal("Too large: a file may be at most 10 MB.", pane.Find("[data-testid=upload-error]").TextContent.Trim());
    }

    [Fact]
    public async Task ARemovedFileLeavesTheComposerAndIsNotSent()
    {
        var pane = await RenderPaneAsync();
        _module.Setup<UploadAnswer?>("upload", _ => true).SetResult(Uploaded(Pdf("a-1", "plan.pdf", 10)));
        await Choose(pane, File("file-1", "plan.pdf", 10));

        pane.Find("[data-testid=remove-attachment]").Click();

        Assert.Empty(pane.FindAll("[data-testid=attachment-chip]"));
        Assert.True(pane.Find("[data-testid=send-message]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task AMessageWithFilesThatFailedIsTriedAgainWithTheSameKeyAndTheSameFiles()
    {
        var pane = await RenderPaneAsync();
        _module.Setup<UploadAnswer?>("upload", _ => true).SetResult(Uploaded(Pdf("a-1", "plan.pdf", 10)));
        await Choose(pane, File("file-1", "plan.pdf", 10));
        Api.AnswerProblem(HttpMethod.Post, MessagesPath, HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            new() { ["attachmentIds"] = ["An attachment is not there any more."] });

        pane.Find("#messageBody").Input("the plan");
        pane.Find("form.compose").Submit();

        pane.WaitForAssertion(() => Assert.Contains("An attachment is not there any more.", pane.Find("[data-testid=message-pending]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(pane.Find("[data-testid=message-pending] [data-testid=attachment-file]"));
        Api.Answer(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, Message(1, "the plan", Pdf("a-1", "plan.pdf", 10)));
        pane.Find("[data-testid=retry-message]").Click();

        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=message-pending]")));
        var posts = Api.To(HttpMethod.Post, MessagesPath);
        Assert.Equal(2, posts.Count);
        Assert.Single(posts.Select(r => r.Headers.GetValues("Idempotency-Key").Single()).Distinct());
        Assert.All(posts, p => Assert.Equal(["a-1"], JsonSerializer.Deserialize<PostMessageRequest>(Api.BodyOf(p)!, JsonSerializerOptions.Web)!.AttachmentIds));
    }

    [Fact]
    public async Task AReplyInAThreadCarriesItsFiles()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, new[] { Message(1, "root") });
        Api.Answer(HttpMethod.Get, "/api/teams/t-1/messages/m-1/thread", HttpStatusCode.OK, new[] { Message(1, "root") });
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, TeamRoles.Member));
        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=message]")));
        pane.Find("[data-testid=reply-in-thread]").Click();
        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=thread-reply-count]")));
        _module.Setup<UploadAnswer?>("upload", _ => true).SetResult(Uploaded(Pdf("a-9", "notes.txt", 10)));

        var thread = pane.FindComponents<ComposerAttachments>()[1];
        await pane.InvokeAsync(() => thread.Instance.FilesChosen([File("file-1", "notes.txt", 10)]));
        Api.Answer(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, Message(2, "", Pdf("a-9", "notes.txt", 10)) with { ThreadRootId = "m-1" });
        pane.Find(".thread-pane form.compose").Submit();

        pane.WaitForAssertion(() => Assert.Single(Api.To(HttpMethod.Post, MessagesPath)));
        var post = JsonSerializer.Deserialize<PostMessageRequest>(Api.BodyOf(Api.To(HttpMethod.Post, MessagesPath).Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal("m-1", post.ThreadRootId);
        Assert.Equal(["a-9"], post.AttachmentIds);
    }

    [Fact]
    public async Task InADirectMessageFilesUploadToTheDm()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/dms/d-1/messages", HttpStatusCode.OK, Array.Empty<MessageDto>());
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Dm("d-1")));
        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=no-messages]")));
        _module.Setup<UploadAnswer?>("upload", _ => true).SetResult(Uploaded(Pdf("a-1", "plan.pdf", 10)));

        await Choose(pane, File("file-1", "plan.pdf", 10));

        Assert.Equal("http://localhost/api/dms/d-1/attachments", _module.Invocations["upload"].Single().Arguments[1]);
    }

    async Task<IRenderedComponent<ChatPane>> RenderPaneAsync()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, Array.Empty<MessageDto>());
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, TeamRoles.Member));
        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=no-messages]")));
        return pane;
    }

    // What attachments.js reports when files are chosen, dropped or pasted.
    static Task Choose(IRenderedComponent<ChatPane> pane, params ChosenFile[] files) =>
        pane.InvokeAsync(() => pane.FindComponent<ComposerAttachments>().Instance.FilesChosen(files));

    static ChosenFile File(string id, string name, long size) => new(id, name, size, "application/pdf");

    static AttachmentDto Pdf(string id, string name, long size) =>
        new(id, name, "application/pdf", size, null, null, $"/api/attachments/{id}/content?expires=1&signature=s", null);

    static UploadAnswer Uploaded(AttachmentDto attachment) => new(201, JsonSerializer.Serialize(attachment, JsonSerializerOptions.Web));

    static MessageDto Message(long seq, string body, params AttachmentDto[] attachments) =>
        new MessageDto($"m-{seq}", "t-1", seq, Alice, body, DateTimeOffset.UtcNow, null, false) { Attachments = attachments };
}
