using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Stack;

/// <summary>
/// Issue 24: a client generated from the OpenAPI document by a well-kept generator (Kiota, a dotnet tool of the
/// repository's manifest) compiles, and a program using only it registers, logs in, creates a team, posts and
/// reads the history through the gateway (tests/clients/kiota-csharp, copied out of the repository so that none
/// of its build settings help).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class GeneratedClientTests(RunningStack stack)
{
    [Fact]
    public async Task AKiotaClientGeneratedFromTheDocumentDoesAUsersFirstSteps()
    {
        var work = Path.Combine(Path.GetTempPath(), $"squadra-kiota-{Guid.NewGuid():N}"[..26]);
        Directory.CreateDirectory(work);
        try
        {
            using (var replica = stack.Client(RunningStack.Api1Port))
            {
                await File.WriteAllTextAsync(Path.Combine(work, "openapi.json"), await replica.GetStringAsync("/openapi/v1.json"));
            }
            var program = Path.Combine(RepositoryRoot.Path, "tests", "clients", "kiota-csharp");
            foreach (var file in new[] { "KiotaCheck.csproj", "Program.cs" })
            {
                File.Copy(Path.Combine(program, file), Path.Combine(work, file));
            }

            await ProcessRunner.RunCheckedAsync("dotnet",
                ["tool", "run", "kiota", "--", "generate", "--language", "CSharp", "--openapi", Path.Combine(work, "openapi.json"),
                 "--output", Path.Combine(work, "Generated"), "--class-name", "SquadraClient", "--namespace-name", "Squadra.Generated",
                 "--exclude-backward-compatible", "--clean-output"],
                workingDirectory: RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(2));
            var output = await ProcessRunner.RunCheckedAsync("dotnet", ["run", "--disable-build-servers", "--", stack.Gateway.ToString()],
                workingDirectory: work, timeout: TimeSpan.FromMinutes(5));

            Assert.Contains("team Generated; posted seq 1; history: 1 hello from Kiota", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
