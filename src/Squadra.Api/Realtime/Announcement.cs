namespace Squadra.Api.Realtime;

/// <summary>One payload ready to send (<see cref="FanoutPayloads"/>) with the topics of the event it carries.</summary>
internal sealed record Announcement(string Payload, IReadOnlyList<FanoutTopic> Topics);
