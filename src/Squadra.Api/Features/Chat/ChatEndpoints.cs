using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Features.Attachments;
using Squadra.Api.Idempotency;
using Squadra.Api.Json;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Features.Chat;

internal static class ChatEndpoints
{
    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        // A DM's chat is a team's (Conversation): the same handlers under both paths.
        MapMessages(app.MapGroup("/api/teams/{teamId:guid}/messages").WithTags("Chat"), "");
        MapMessages(app.MapGroup("/api/dms/{dmId:guid}/messages").WithTags("Direct messages"), "Dm");
        return app;
    }

    private static void MapMessages(RouteGroupBuilder messages, string kind)
    {
        messages.RequireAuthorization().WithIdempotencyKeys();
        messages.MapGet("/", History).WithName("ListMessages" + kind)
            .WithSummary("History ascending by seq: the newest page, the page before a seq, or the page after one; or, with changedAfter, the messages changed since a change number, ascending by changeSeq.");
        messages.MapPost("/", Post).WithName("PostMessage" + kind).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Posts a message, or with threadRootId a reply in that message's thread, with attachmentIds the caller's uploads attached, with poll a poll its text asks; members get it live.");
        messages.MapGet("/{messageId:guid}/thread", Thread).WithName("GetThread" + kind)
            .WithSummary("A thread: its root, then the replies ascending by seq; the id of a reply reads its root's thread.");
        messages.MapPatch("/{messageId:guid}", Edit).WithName("EditMessage" + kind).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Edits one's own message.");
        messages.MapDelete("/{messageId:guid}", Delete).WithName("DeleteMessage" + kind).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Deletes a message (author, owner or admin); it stays in history as deleted.");
        messages.MapPut("/{messageId:guid}/reactions/{emoji}", AddReaction).WithName("AddReaction" + kind).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Adds the caller's reaction (one emoji, URL-encoded, or a :shortcode:); already there: the message as it is.");
        messages.MapDelete("/{messageId:guid}/reactions/{emoji}", RemoveReaction).WithName("RemoveReaction" + kind).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Removes the caller's reaction; not there: the message as it is.");
        messages.MapPut("/{messageId:guid}/pinned", Pin).WithName("PinMessage" + kind).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Pins (pinned: true) or unpins the message for everyone in the chat; already so: the message as it is.");
        messages.MapPut("/{messageId:guid}/poll/votes", Vote).WithName("VoteInPoll" + kind).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Makes the caller's vote in the message's poll exactly the options given ([] takes it back); the same vote again: the message as it is.");
        messages.MapPut("/{messageId:guid}/poll/closed", ClosePoll).WithName("ClosePoll" + kind).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Closes the message's poll (closed: true; no more votes) or opens it again: its author, the team's owner or an admin.");
        messages.MapGet("/pinned", Pinned).WithName("ListPinnedMessages" + kind)
            .WithSummary("The chat's pinned messages, the most recently pinned first.");
    }

    private static async Task<Results<Ok<IReadOnlyList<MessageDto>>, ProblemHttpResult>> History(
        Conversation conversation, long? after, long? before, long? changedAfter, int? limit, ClaimsPrincipal user, ChatStore store, CancellationToken ct)
    {
        var refusal = (after, before, changedAfter, limit) switch
        {
            ({ }, { }, _, _) => Problems.Validation("after", "Use either after or before, not both."),
            (_, _, { }, _) when (after ?? before) is not null => Problems.Validation("changedAfter", "changedAfter goes alone, without after or before."),
            ( < 0, _, _, _) => Problems.Validation("after", "after must be 0 or more."),
            (_, < 1, _, _) => Problems.Validation("before", "before must be 1 or more."),
            (_, _, < 0, _) => Problems.Validation("changedAfter", "changedAfter must be 0 or more."),
            (_, _, _, < 1 or > ChatRules.MaxPageSize) => Problems.Validation("limit", $"limit must be 1-{ChatRules.MaxPageSize}."),
            _ => null,
        };
        return refusal ?? (await store.HistoryAsync(
            conversation, user.UserId(), new HistoryQuery(after, before, limit ?? ChatRules.DefaultPageSize, changedAfter), ct)).ToOk();
    }

    private static async Task<Results<Created<MessageDto>, ProblemHttpResult>> Post(
        Conversation conversation, PostMessageRequest request, ClaimsPrincipal user, ChatStore store, IdempotentRequest idempotency, TimeProvider clock,
        CancellationToken ct)
    {
        if (AttachmentIds.Parse(request.AttachmentIds) is not { } attachmentIds)
        {
            return Problems.Validation("attachmentIds", AttachmentIds.Invalid);
        }
        if (request.Poll is not null && string.IsNullOrWhiteSpace(request.Body))
        {
            return Problems.Validation("body", "A poll's question is the message's text: it needs some.");
        }
        if (ChatRules.BodyError(request.Body, hasAttachments: attachmentIds.Length > 0) is { } error)
        {
            return Problems.Validation("body", error);
        }
        if (request.Poll is { } poll && PollRules.OptionsError(poll.Options) is { } optionsError)
        {
            return Problems.Validation("poll.options", optionsError);
        }
        if (request.Poll is { } timed && PollRules.DeadlineError(timed.ClosesAt, clock.GetUtcNow()) is { } deadlineError)
        {
            return Problems.Validation("poll.closesAt", deadlineError);
        }
        Guid? threadRootId = null;
        if (request.ThreadRootId is not null)
        {
            if (!Guid.TryParse(request.ThreadRootId, out var rootId))
            {
                return Problems.Validation("threadRootId", "threadRootId must be a message id.");
            }
            threadRootId = rootId;
        }
        var outcome = await store.PostAsync(conversation, user.UserId(), (request.Body ?? "").Trim(), threadRootId, attachmentIds, request.Poll, idempotency, ct);
        return outcome.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created(ChatStore.MessageLocation(conversation, outcome.Value!.Id), outcome.Value);
    }

    private static async Task<Results<Ok<IReadOnlyList<MessageDto>>, ProblemHttpResult>> Thread(
        Conversation conversation, Guid messageId, ClaimsPrincipal user, ChatStore store, CancellationToken ct) =>
        (await store.ThreadAsync(conversation, messageId, user.UserId(), ct)).ToOk();

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Edit(
        Conversation conversation, Guid messageId, EditMessageRequest request, ClaimsPrincipal user, ChatStore store, CancellationToken ct)
    {
        // The text may be emptied only where the message has files, which the store knows (it checks that): here the
        // rules every text follows, and that the new text is there at all ("" is a text, a missing body is not).
        if (ChatRules.BodyError(request.Body, hasAttachments: request.Body is not null) is { } error)
        {
            return Problems.Validation("body", error);
        }
        return (await store.EditAsync(conversation, messageId, user.UserId(), request.Body!.Trim(), ct)).ToOk();
    }

    private static Task<Results<Ok<MessageDto>, ProblemHttpResult>> AddReaction(
        Conversation conversation, Guid messageId, string emoji, ClaimsPrincipal user, ChatStore store, CancellationToken ct) =>
        ReactAsync(conversation, messageId, emoji, add: true, user, store, ct);

    private static Task<Results<Ok<MessageDto>, ProblemHttpResult>> RemoveReaction(
        Conversation conversation, Guid messageId, string emoji, ClaimsPrincipal user, ChatStore store, CancellationToken ct) =>
        ReactAsync(conversation, messageId, emoji, add: false, user, store, ct);

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> ReactAsync(
        Conversation conversation, Guid messageId, string emoji, bool add, ClaimsPrincipal user, ChatStore store, CancellationToken ct)
    {
        // The route value arrives percent-decoded; stored, compared and capped as NFC like every text.
        if (Nfc.TryNormalize(emoji) is not { } normalized || ReactionRules.EmojiError(normalized) is not null)
        {
            return Problems.Validation("emoji", ReactionRules.Invalid);
        }
        return (await store.ReactAsync(conversation, messageId, user.UserId(), normalized, add, ct)).ToOk();
    }

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Pin(
        Conversation conversation, Guid messageId, PinMessageRequest request, ClaimsPrincipal user, ChatStore store, CancellationToken ct) =>
        request.Pinned switch
        {
            null => Problems.Validation("pinned", "pinned is required: true to pin the message, false to unpin it."),
            { } pinned => (await store.PinAsync(conversation, messageId, user.UserId(), pinned, ct)).ToOk(),
        };

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Vote(
        Conversation conversation, Guid messageId, PollVoteRequest request, ClaimsPrincipal user, ChatStore store, CancellationToken ct) =>
        request.Options switch
        {
            null => Problems.Validation("options", "options is required: the numbers of the options chosen, [] to take one's vote back."),
            { } options => (await store.VoteAsync(conversation, messageId, user.UserId(), options, ct)).ToOk(),
        };

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> ClosePoll(
        Conversation conversation, Guid messageId, ClosePollRequest request, ClaimsPrincipal user, ChatStore store, CancellationToken ct) =>
        request.Closed switch
        {
            null => Problems.Validation("closed", "closed is required: true to close the poll, false to open it again."),
            { } closed => (await store.SetPollClosedAsync(conversation, messageId, user.UserId(), closed, ct)).ToOk(),
        };

    private static async Task<Results<Ok<IReadOnlyList<MessageDto>>, ProblemHttpResult>> Pinned(
        Conversation conversation, ClaimsPrincipal user, ChatStore store, CancellationToken ct) =>
        (await store.PinnedAsync(conversation, user.UserId(), ct)).ToOk();

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Conversation conversation, Guid messageId, ClaimsPrincipal user, ChatStore store, CancellationToken ct) =>
        (await store.DeleteAsync(conversation, messageId, user.UserId(), ct)).ToNoContent();
}
