using Squadra.Testing;

namespace Squadra.Quickstart.Infrastructure;

/// <summary>
/// Someone who has just cloned Squadra and types the README's commands: in the checkout, with nothing of
/// ours in the environment (<c>env -i PATH=… HOME=…</c>), as root or as an ordinary user who has sudo.
/// </summary>
public sealed class Newcomer
{
    private Newcomer(string? user, string home, string checkout)
    {
        User = user;
        Home = home;
        Checkout = checkout;
    }

    /// <summary>The OS user, or null for root (the test's own user).</summary>
    public string? User { get; }

    public string Home { get; }

    /// <summary>The clone the commands run in; its <c>.state</c> is the default state directory.</summary>
    public string Checkout { get; }

    public string StateDirectory => Path.Combine(Checkout, ".state");

    public static Newcomer Root() => new(null, CleanEnvironment.Home, RepositoryRoot.Path);

    /// <summary>An unprivileged user with passwordless sudo and a copy of this working tree in their home.</summary>
    public static async Task<Newcomer> UserWithSudoAsync(string user)
    {
        var home = $"/home/{user}";
        if ((await ProcessRunner.RunAsync("id", ["-u", user])).ExitCode != 0)
        {
            await ProcessRunner.RunCheckedAsync("useradd", ["--create-home", "--shell", "/bin/bash", user]);
        }
        await File.WriteAllTextAsync($"/etc/sudoers.d/{user}", $"{user} ALL=(ALL) NOPASSWD:ALL\n");
        await ProcessRunner.RunCheckedAsync("chmod", ["0440", $"/etc/sudoers.d/{user}"]);

        // The working tree as git sees it (what a clone of this commit holds, uncommitted edits included).
        var checkout = Path.Combine(home, "squadra");
        await ProcessRunner.RunCheckedAsync("rm", ["-rf", checkout]);
        Directory.CreateDirectory(checkout);
        await ProcessRunner.RunCheckedAsync("bash", ["-c",
            $"git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C '{checkout}'"],
            workingDirectory: RepositoryRoot.Path);
        await ProcessRunner.RunCheckedAsync("chown", ["-R", $"{user}:{user}", home]);
        return new Newcomer(user, home, checkout);
    }

    /// <summary>Runs <c>./run.sh</c> (with the arguments) in the checkout, as this newcomer, in a clean environment.</summary>
    public Task<ProcessResult> RunScriptAsync(IEnumerable<string> arguments, TimeSpan timeout) =>
        RunAsync("./run.sh", arguments, timeout);

    public Task<ProcessResult> RunAsync(string command, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var clean = CleanEnvironment.EnvArguments(Home, [], command, arguments);
        return User is null
            ? ProcessRunner.RunAsync("env", clean, workingDirectory: Checkout, timeout: timeout)
            : ProcessRunner.RunAsync("setpriv", [$"--reuid={User}", $"--regid={User}", "--init-groups", "env", .. clean],
                workingDirectory: Checkout, timeout: timeout);
    }

    /// <summary>Like <see cref="RunScriptAsync"/>, failing with the script's output when it exits non-zero.</summary>
    public async Task<string> RunScriptCheckedAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var list = arguments.ToList();
        var result = await RunScriptAsync(list, timeout);
        Assert.True(result.ExitCode == 0,
            $"./run.sh {string.Join(' ', list)} (as {User ?? "root"}) exited with {result.ExitCode}:\n{result.Output}");
        return result.Output;
    }
}
