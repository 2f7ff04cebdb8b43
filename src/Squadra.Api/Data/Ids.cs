namespace Squadra.Api.Data;

internal static class Ids
{
    /// <summary>Ids are opaque to clients; one that is not ours simply names nothing (404), never a 400 or 500.</summary>
    public static Guid? TryParse(string value) => Guid.TryParse(value, out var id) ? id : null;
}
