namespace Squadra.Contracts.Chat;

/// <summary>
/// The poll a message asks, its body being the question: the options in their order, who chose each (in the order
/// they did), whether one may choose more than one, when it was closed (null until someone closed it) and when it
/// closes by itself (its deadline; null when it has none).
/// </summary>
public sealed record PollDto(bool MultipleChoice, DateTimeOffset? ClosedAt, IReadOnlyList<PollOptionDto> Options)
{
    /// <summary>The poll's deadline: from then on it takes no votes, though nobody closed it (no push says so).</summary>
    public DateTimeOffset? ClosesAt { get; init; }

    /// <summary>Whether the poll takes no votes at <paramref name="now"/>: closed by someone, or past its deadline.</summary>
    public bool IsClosed(DateTimeOffset now) => ClosedAt is not null || ClosesAt <= now;

    // Held as a ValueList, so two reads of the same poll are equal records.
    private readonly IReadOnlyList<PollOptionDto> _options = new ValueList<PollOptionDto>(Options);

    public IReadOnlyList<PollOptionDto> Options { get => _options; init => _options = new ValueList<PollOptionDto>(value ?? []); }
}

/// <summary>One answer of a poll: its number in the poll (0, 1, 2...), its text, and who chose it.</summary>
public sealed record PollOptionDto(int Id, string Text, IReadOnlyList<string> VoterIds)
{
    private readonly IReadOnlyList<string> _voterIds = new ValueList<string>(VoterIds);

    public IReadOnlyList<string> VoterIds { get => _voterIds; init => _voterIds = new ValueList<string>(value ?? []); }
}
