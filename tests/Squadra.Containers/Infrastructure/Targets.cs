namespace Squadra.Containers.Infrastructure;

/// <summary>
/// ./test.sh containers asserts the timing targets; containers-ci (inside every ./test.sh, on whatever machine CI
/// is, SQUADRA_CONTAINERS_MATRIX=ci) asserts only bounds that a regression exceeds, as faults-ci does. Correctness
/// (no failed request, nothing lost, no answer from a replica cut off from the database) is asserted in both.
/// </summary>
public static class Targets
{
    public static bool Ci => Environment.GetEnvironmentVariable("SQUADRA_CONTAINERS_MATRIX") == "ci";

    public static void Within(TimeSpan measured, TimeSpan target, TimeSpan ciBound, string what)
    {
        var bound = Ci ? ciBound : target;
        Assert.True(measured <= bound,
            $"{what}: {ComposeDeployment.Seconds(measured)} (target {ComposeDeployment.Seconds(target)}{(Ci ? $", CI bound {ComposeDeployment.Seconds(ciBound)}" : "")})");
    }
}
