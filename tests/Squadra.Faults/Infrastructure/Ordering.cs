using Xunit.Abstractions;
using Xunit.Sdk;

namespace Squadra.Faults.Infrastructure;

/// <summary>Where a fault comes in the matrix: the harmless ones first, both database nodes down last.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OrderAttribute(int position) : Attribute
{
    public int Position { get; } = position;
}

/// <summary>Runs a class's tests by their <see cref="OrderAttribute"/>.</summary>
public sealed class ByOrder : ITestCaseOrderer
{
    public const string TypeName = "Squadra.Faults.Infrastructure.ByOrder";
    public const string AssemblyName = "Squadra.Faults";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethod.Method.GetCustomAttributes(typeof(OrderAttribute).AssemblyQualifiedName)
            .FirstOrDefault()?.GetConstructorArguments().FirstOrDefault() as int? ?? int.MaxValue);
}
