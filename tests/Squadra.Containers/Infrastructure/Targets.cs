using Squadra.Testing;

namespace Squadra.Containers.Infrastructure;

/// <summary>
/// ./test.sh containers asserts the timing targets; containers-ci (SQUADRA_CONTAINERS_MATRIX=ci) asserts regression
/// bounds only. Correctness (no failed request, nothing lost, no answer from a replica cut off from the database)
/// is asserted in both.
/// </summary>
public static class Targets
{
    private static readonly TimingTargets s_targets = new("SQUADRA_CONTAINERS_MATRIX");

    public static bool Ci => s_targets.Reduced;

    public static void Within(TimeSpan measured, TimeSpan target, TimeSpan ciBound, string what) =>
        s_targets.Within(measured, target, ciBound, what);
}
