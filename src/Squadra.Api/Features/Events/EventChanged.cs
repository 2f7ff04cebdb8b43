using System.Text.Json.Serialization;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Events;

/// <summary>A team event was created, changed, cancelled or answered.</summary>
internal sealed record EventChanged(
    [property: JsonPropertyName("t")] Guid TeamId,
    [property: JsonPropertyName("e")] Guid EventId) : FanoutEvent;
