using System.Text.RegularExpressions;
using Squadra.Testing;

namespace Squadra.Api.Tests.Architecture;

/// <summary>
/// Issue 17: <c>Realtime/</c> is transport only (announcer, listener, connection registry, groups); each feature owns
/// its fan-out and registers it. The transport naming a feature is how the dispatcher once called back into three
/// features' stores, so any such reference fails here.
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

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(s_api, folder), "*.cs", SearchOption.AllDirectories);

    [GeneratedRegex(@"Squadra\.Api\.Features")]
    private static partial Regex FeatureReference();

    [GeneratedRegex(@"record\s+(\w+)[^;{]*:\s*FanoutEvent\b")]
    private static partial Regex FanoutEventDeclaration();
}
