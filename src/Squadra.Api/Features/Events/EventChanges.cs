namespace Squadra.Api.Features.Events;

/// <summary>A validated create or update: null fields stay as they are.</summary>
internal sealed record EventChanges(string? Title, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Location, string? Description);
