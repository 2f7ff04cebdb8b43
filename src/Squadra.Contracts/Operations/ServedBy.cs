namespace Squadra.Contracts.Operations;

public static class ServedBy
{
    /// <summary>Every response names the backend replica that produced it.</summary>
    public const string HeaderName = "X-Served-By";
}
