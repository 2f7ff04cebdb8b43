namespace Squadra.Contracts.Chat;

/// <summary>
/// The poll a message asks, its body being the question: the options in their order, who chose each (in the order
/// they did), whether one may choose more than one, and when it was closed (null while it takes votes).
/// </summary>
public sealed record PollDto(bool MultipleChoice, DateTimeOffset? ClosedAt, IReadOnlyList<PollOptionDto> Options)
{
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
