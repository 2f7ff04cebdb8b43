namespace Squadra.Testing;

public static class RepositoryRoot
{
    /// <summary>The directory holding Squadra.slnx, found by walking up from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Squadra.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Squadra.slnx not found above {AppContext.BaseDirectory}");
    }
}
