namespace Squadra.Faults.Infrastructure;

/// <summary>
/// The timing targets of issue 7 are asserted by the whole matrix (./test.sh faults), whose numbers go to
/// docs/reliability.md. The reduced matrix runs inside every ./test.sh (CI, SQUADRA_FAULTS_MATRIX=ci) on
/// whatever machine that is: there it asserts everything about correctness (nothing lost or duplicated, no
/// 5xx but 503, recovery) and, for time, a bound that only a regression exceeds. The number is printed either way.
/// </summary>
public static class Targets
{
    public static bool ReducedMatrix => Environment.GetEnvironmentVariable("SQUADRA_FAULTS_MATRIX") == "ci";

    public static void Within(TimeSpan measured, TimeSpan target, TimeSpan regressionBound, string what)
    {
        var bound = ReducedMatrix ? regressionBound : target;
        Assert.True(measured <= bound,
            $"{what}: {FaultReport.Seconds(measured)} (target {FaultReport.Seconds(target)}{(ReducedMatrix ? $", CI bound {FaultReport.Seconds(regressionBound)}" : "")})");
    }
}
