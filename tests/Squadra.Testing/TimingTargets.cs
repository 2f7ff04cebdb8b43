using Xunit;

namespace Squadra.Testing;

/// <summary>
/// Timing targets of a suite that also runs as a reduced matrix inside every ./test.sh (CI, on whatever machine
/// that is). The full suite asserts the targets; the reduced one (its environment variable set to "ci") asserts
/// only bounds that a regression exceeds, while correctness is asserted in both. The number is printed either way.
/// </summary>
public sealed class TimingTargets(string reducedMatrixVariable)
{
    public bool Reduced => Environment.GetEnvironmentVariable(reducedMatrixVariable) == "ci";

    public void Within(TimeSpan measured, TimeSpan target, TimeSpan regressionBound, string what)
    {
        var bound = Reduced ? regressionBound : target;
        Assert.True(measured <= bound,
            $"{what}: {Seconds(measured)} (target {Seconds(target)}{(Reduced ? $", CI bound {Seconds(regressionBound)}" : "")})");
    }

    public static string Seconds(TimeSpan value) => FormattableString.Invariant($"{value.TotalSeconds:0.0} s");
}
