using Squadra.Testing;

namespace Squadra.Faults.Infrastructure;

/// <summary>
/// The timing targets of issue 7 are asserted by the whole matrix (./test.sh faults), whose numbers go to
/// docs/reliability.md; faults-ci (SQUADRA_FAULTS_MATRIX=ci) asserts regression bounds only.
/// </summary>
public static class Targets
{
    private static readonly TimingTargets s_targets = new("SQUADRA_FAULTS_MATRIX");

    public static void Within(TimeSpan measured, TimeSpan target, TimeSpan regressionBound, string what) =>
        s_targets.Within(measured, target, regressionBound, what);
}
