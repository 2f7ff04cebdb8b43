using Xunit.Abstractions;
using Xunit.Sdk;

namespace Squadra.Containers.Infrastructure;

/// <summary>The steps of one deployment's story run in their order: each leaves the deployment as the next expects it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "Squadra.Containers.Infrastructure.StepOrderer";
    public const string AssemblyName = "Squadra.Containers";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(test => test.TestMethod.Method
            .GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName)
            .Select(attribute => attribute.GetConstructorArguments().Cast<int>().First())
            .DefaultIfEmpty(int.MaxValue)
            .First());
}
