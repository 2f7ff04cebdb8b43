namespace Squadra.Testing;

/// <summary>
/// The machine's load average (1, 5 and 15 minutes, from /proc/loadavg), written beside a timing so that a slow figure
/// can be told from a busy machine: on two cores a load of 10 turns seconds into tens of seconds.
/// </summary>
public static class LoadAverage
{
    public static string Now()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
