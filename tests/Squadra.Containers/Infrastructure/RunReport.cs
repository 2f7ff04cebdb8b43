using Squadra.Testing;

namespace Squadra.Containers.Infrastructure;

/// <summary>What a deployment test run notes as it goes, written to artifacts/&lt;artifact&gt;/last-run.md at its end.</summary>
public sealed class RunReport(string artifact, string title)
{
    private readonly List<string> _lines = [];

    public static string Seconds(TimeSpan elapsed) => TimingTargets.Seconds(elapsed);

    public void Note(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    public void Write()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", artifact);
        Directory.CreateDirectory(directory);
        lock (_lines)
        {
            File.WriteAllLines(Path.Combine(directory, "last-run.md"),
                [$"# {title}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC", "", .. _lines.Select(line => $"- {line}")]);
        }
    }
}
