namespace Squadra.Api.Data;

internal static class Instants
{
    /// <summary>Npgsql reads timestamptz as a UTC DateTime; the contract speaks in offsets.</summary>
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
