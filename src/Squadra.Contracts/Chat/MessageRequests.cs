namespace Squadra.Contracts.Chat;

/// <summary>
/// <see cref="ThreadRootId"/>: the top-level message of the same team this replies to; null posts a top-level message.
/// <see cref="AttachmentIds"/>: files the caller uploaded to the same chat and has not attached yet (at most
/// <see cref="Attachments.AttachmentRules.MaxPerMessage"/>); with any, the body may be empty.
/// <see cref="Poll"/>: the message asks a poll, its body the question.
/// </summary>
public sealed record PostMessageRequest(string? Body, string? ThreadRootId = null, IReadOnlyList<string>? AttachmentIds = null, PollRequest? Poll = null);

/// <summary>
/// A poll's answers (<see cref="PollRules"/>), whether a member may choose more than one, and when it closes by itself
/// (null: when its author closes it).
/// </summary>
public sealed record PollRequest(IReadOnlyList<string>? Options, bool MultipleChoice = false, DateTimeOffset? ClosesAt = null);

/// <summary>The caller's vote, all of it: the numbers of the options they choose; [] takes their vote back.</summary>
public sealed record PollVoteRequest(IReadOnlyList<int>? Options);

public sealed record EditMessageRequest(string? Body);

/// <summary><see cref="Pinned"/>: true pins the message for everyone in its chat, false unpins it.</summary>
public sealed record PinMessageRequest(bool? Pinned);

/// <summary><see cref="Closed"/>: true closes the poll (it takes no more votes), false opens it again.</summary>
public sealed record ClosePollRequest(bool? Closed);
