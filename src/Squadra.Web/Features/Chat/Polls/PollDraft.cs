using Squadra.Contracts.Chat;

namespace Squadra.Web.Features.Chat.Polls;

/// <summary>A poll written in the dialog, to be sent as a message: its question is the message's text.</summary>
public sealed record PollDraft(string Question, PollRequest Poll);
