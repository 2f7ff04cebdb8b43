namespace Squadra.Contracts.Chat;

/// <summary>
/// <see cref="ThreadRootId"/>: the top-level message of the same team this replies to; null posts a top-level message.
/// <see cref="AttachmentIds"/>: files the caller uploaded to the same chat and has not attached yet (at most
/// <see cref="Attachments.AttachmentRules.MaxPerMessage"/>); with any, the body may be empty.
/// </summary>
public sealed record PostMessageRequest(string? Body, string? ThreadRootId = null, IReadOnlyList<string>? AttachmentIds = null);

public sealed record EditMessageRequest(string? Body);

/// <summary><see cref="Pinned"/>: true pins the message for everyone in its chat, false unpins it.</summary>
public sealed record PinMessageRequest(bool? Pinned);
