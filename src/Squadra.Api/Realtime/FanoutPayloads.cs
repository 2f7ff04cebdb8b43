using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Squadra.Api.Realtime;

/// <summary>
/// How fan-out events travel on the announcement channel: JSON with a discriminator per event type (the types each
/// feature registered), each payload under PostgreSQL's 8000-byte NOTIFY limit (NATS takes them as they are).
/// </summary>
internal sealed class FanoutPayloads
{
    public const string Channel = "squadra_fanout";

    // NOTIFY payloads must stay under 8000 bytes; a uuid and a seq take ~60 bytes in JSON.
    public const int MaxIdsPerEvent = 100;
    public const int MaxPayloadBytes = 7900;

    private readonly JsonSerializerOptions _options;

    public FanoutPayloads(IEnumerable<FanoutEventType> types)
    {
        var polymorphism = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "k" };
        foreach (var type in types)
        {
            polymorphism.DerivedTypes.Add(new JsonDerivedType(type.Type, type.Discriminator));
        }
        _options = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    info =>
                    {
                        if (info.Type == typeof(FanoutEvent))
                        {
                            info.PolymorphismOptions = polymorphism;
                        }
                    },
                },
            },
        };
    }

    /// <summary>The payloads of <paramref name="fanoutEvent"/>, each with the topics of the part it carries.</summary>
    public IEnumerable<Announcement> Of(FanoutEvent fanoutEvent) =>
        fanoutEvent.Split(MaxIdsPerEvent).Select(part => new Announcement(Serialize(part), part.Topics()));

    /// <summary>The event a payload names; null when it names none this replica knows.</summary>
    public FanoutEvent? Read(string payload) => JsonSerializer.Deserialize<FanoutEvent>(payload, _options);

    /// <summary>The event a payload's UTF-8 bytes name (as a broker delivers them); null when it names none this replica knows.</summary>
    public FanoutEvent? Read(ReadOnlySpan<byte> payload) => JsonSerializer.Deserialize<FanoutEvent>(payload, _options);

    private string Serialize(FanoutEvent fanoutEvent)
    {
        var payload = JsonSerializer.Serialize(fanoutEvent, _options);
        return Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes || fanoutEvent.WithoutContent() is not { } smaller
            ? payload
            : JsonSerializer.Serialize(smaller, _options);
    }
}
