namespace Squadra.Testing;

/// <summary>
/// A newcomer's shell: nothing of ours in the environment. The README's commands are run through
/// <c>env -i</c> with only these and the settings a test names, so a default that works only when some
/// variable happens to be exported by the test runner cannot pass.
/// </summary>
public static class CleanEnvironment
{
    /// <summary>Debian's PATH for a login shell.</summary>
    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The home of the user running the tests (root in CI).</summary>
    public static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>The arguments of <c>env</c> that run <paramref name="command"/> with only PATH, HOME and the settings.</summary>
    public static List<string> EnvArguments(string home, IEnumerable<KeyValuePair<string, string>> settings, string command, IEnumerable<string> arguments) =>
        ["-i", $"PATH={Path}", $"HOME={home}", .. settings.Select(s => $"{s.Key}={s.Value}"), command, .. arguments];
}
