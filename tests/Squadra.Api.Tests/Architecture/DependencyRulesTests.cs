using System.Text.RegularExpressions;
using Squadra.Testing;

namespace Squadra.Api.Tests.Architecture;

/// <summary>
/// Issue 17 (docs/architecture.md, "which may use which"): <c>Realtime/</c> is transport only (announcer, listener,
/// connection registry, groups); each feature owns its fan-out and registers it, and no feature touches another's
/// fan-out. The transport naming a feature is how the dispatcher once called back into three features' stores, so
/// any such reference fails here. Stores refuse in the domain's words (<c>Refusal</c>), mapped to HTTP in one place.
/// The browser app and Squadra.Client never reference the backend, and the client
/// stays free of Blazor and of any test framework, so a tool, a test or the browser can hold it.
/// </summary>
public sealed partial class DependencyRulesTests
{
    private static readonly string s_api = Path.Combine(RepositoryRoot.Path, "src", "Squadra.Api");
    private static readonly string[] s_transportEvents = ["CatchUpRequested", "SweepRequested"];

    [Fact]
    public void TheRealtimeTransportReferencesNoFeature()
    {
        var offenders = SourceFiles("Realtime").Where(file => FeatureReference().IsMatch(File.ReadAllText(file))).ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryFanoutEventLivesWithItsFeature()
    {
        // The transport's own lifecycle events (catch-up, sweep) are the only ones it defines.
        var declared = SourceFiles("Realtime").SelectMany(file => FanoutEventDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value));

        Assert.Equal(s_transportEvents, declared.Order());
    }

    [Fact]
    public void NoFeatureUsesAnotherFeaturesFanout()
    {
        var features = Directory.GetDirectories(Path.Combine(s_api, "Features")).Select(Path.GetFileName).ToList();
        var fanoutTypes = features.ToDictionary(feature => feature!, feature => SourceFiles(Path.Combine("Features", feature!))
            .Where(file => Path.GetFileName(file).Contains("Fanout", StringComparison.Ordinal))
            .SelectMany(file => TypeDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet());

        var offenders =
            from feature in features
            from file in SourceFiles(Path.Combine("Features", feature!))
            let text = File.ReadAllText(file)
            from other in fanoutTypes.Where(other => other.Key != feature)
            from type in other.Value
            where Regex.IsMatch(text, $@"\b{type}\b")
            select $"{Path.GetRelativePath(s_api, file)} uses {other.Key}'s {type}";

        Assert.Empty(offenders);
    }

    [Fact]
    public void StoresRefuseInTheDomainsWordsNotInHttp()
    {
        // A store answers with a Refusal; Errors/RefusalProblems.cs alone turns it into a problem. (The status code a
        // store records with an idempotent answer is the answer's, not a refusal.)
        var offenders = Directory.EnumerateFiles(Path.Combine(s_api, "Features"), "*Store.cs", SearchOption.AllDirectories)
            .Where(file => HttpVocabulary().IsMatch(File.ReadAllText(file)))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void SettingsAreReadThroughOptionsValidatedAtStart()
    {
        // One way to configure: a section bound to an options class that is validated when the replica starts, so a
        // wrong setting stops it with the setting's name (Configuration/StartupValidationTests) instead of failing later.
        var files = Directory.EnumerateFiles(s_api, "*.cs", SearchOption.AllDirectories).Where(file => !IsBuildOutput(file)).ToList();
        var rawReads = files.Where(file => RawConfigurationRead().IsMatch(File.ReadAllText(file))).ToList();
        var unvalidated = files
            .SelectMany(file => File.ReadAllText(file).Split(';').Where(statement => statement.Contains(".BindConfiguration(", StringComparison.Ordinal)))
            .Where(statement => !statement.Contains(".ValidateOnStart()", StringComparison.Ordinal))
            .Select(statement => statement.Trim())
            .ToList();

        Assert.Empty(rawReads);
        Assert.Empty(unvalidated);
    }

    [Theory]
    [InlineData("Squadra.Web")]
    [InlineData("Squadra.Client")]
    public void TheBrowserSideNeverReferencesTheBackend(string project)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "src", project);
        var offenders = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(file => Path.GetExtension(file) is ".cs" or ".razor" or ".csproj" && !IsBuildOutput(file))
            .Where(file => File.ReadAllText(file).Contains("Squadra.Api", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void TheClientDependsOnNoUiAndNoTestFramework()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "src", "Squadra.Client");
        var packages = PackageReference().Matches(File.ReadAllText(Path.Combine(folder, "Squadra.Client.csproj"))).Select(m => m.Groups[1].Value);
        var offenders = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file) && UiOrTestNamespace().IsMatch(File.ReadAllText(file)))
            .ToList();

        Assert.Equal(["Microsoft.AspNetCore.SignalR.Client"], packages);
        Assert.Empty(offenders);
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(s_api, folder), "*.cs", SearchOption.AllDirectories);

    [GeneratedRegex(@"Squadra\.Api\.Features")]
    private static partial Regex FeatureReference();

    [GeneratedRegex(@"record\s+(\w+)[^;{]*:\s*FanoutEvent\b")]
    private static partial Regex FanoutEventDeclaration();

    [GeneratedRegex(@"^\s*(?:(?:internal|public|private|protected|sealed|static|partial|abstract|readonly)\s+)+(?:class|record|interface|struct)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\bProblems\.|ProblemHttpResult|TypedResults\.")]
    private static partial Regex HttpVocabulary();

    [GeneratedRegex(@"\bIConfiguration\b|Configuration\[|\.GetValue<|\.GetSection\(|\.GetConnectionString\(")]
    private static partial Regex RawConfigurationRead();

    [GeneratedRegex(@"<PackageReference\s+Include=""([^""]+)""")]
    private static partial Regex PackageReference();

    [GeneratedRegex(@"using\s+(Microsoft\.AspNetCore\.Components|Microsoft\.JSInterop|Xunit|Bunit)\b")]
    private static partial Regex UiOrTestNamespace();
}
