using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Contracts.Attachments;

namespace Squadra.Api.Features.Attachments;

internal static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        // A DM's files are a team's (Conversation): one handler under both paths, as chat's.
        app.MapPost("/api/teams/{teamId:guid}/attachments", Upload).WithTags("Attachments").RequireAuthorization()
            .WithName("UploadAttachment").WithSummary("Uploads one file (multipart, field 'file', at most 10 MiB) to a team's chat; attach it by id in a message.")
            .DisableAntiforgery().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        app.MapPost("/api/dms/{dmId:guid}/attachments", Upload).WithTags("Direct messages").RequireAuthorization()
            .WithName("UploadAttachmentDm").WithSummary("Uploads one file (multipart, field 'file', at most 10 MiB) to a DM; attach it by id in a message.")
            .DisableAntiforgery().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        var attachments = app.MapGroup("/api/attachments/{id:guid}").WithTags("Attachments");
        attachments.MapGet("/", Get).RequireAuthorization().WithName("GetAttachment")
            .WithSummary("An attachment the caller may see now, with fresh signed urls.");
        // The signature authorizes: an <img> sends no bearer header.
        attachments.MapGet("/content", Content).AllowAnonymous().WithName("DownloadAttachment")
            .WithSummary("The file (signed url): an image inline, anything else as a download.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status403Forbidden);
        attachments.MapGet("/thumbnail", Thumbnail).AllowAnonymous().WithName("DownloadAttachmentThumbnail")
            .WithSummary("An image's thumbnail (signed url): WebP, within 400×400.")
            .Produces(StatusCodes.Status200OK, contentType: ImageProbe.ThumbnailContentType).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Created<AttachmentDto>, ProblemHttpResult>> Upload(
        Conversation conversation, HttpRequest request, ClaimsPrincipal user, AttachmentStore store, CancellationToken ct)
    {
        var (file, problem) = await UploadReader.ReadAsync(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var outcome = await store.UploadAsync(conversation, user.UserId(), file!, ct);
        return outcome.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created(AttachmentStore.Location(Guid.Parse(outcome.Value!.Id)), outcome.Value);
    }

    private static async Task<Results<Ok<AttachmentDto>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, AttachmentStore store, CancellationToken ct) =>
        await store.FindAsync(id, user.UserId(), ct) is { } attachment ? TypedResults.Ok(attachment) : Problems.NotFound("attachment");

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> Content(
        Guid id, string? expires, string? signature, HttpResponse response, AttachmentUrls urls, AttachmentStore store, CancellationToken ct) =>
        AttachmentDownloads.ServeAsync(id, AttachmentUrls.Content, expires, signature, response, urls, store, ct);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> Thumbnail(
        Guid id, string? expires, string? signature, HttpResponse response, AttachmentUrls urls, AttachmentStore store, CancellationToken ct) =>
        AttachmentDownloads.ServeAsync(id, AttachmentUrls.Thumbnail, expires, signature, response, urls, store, ct);
}
