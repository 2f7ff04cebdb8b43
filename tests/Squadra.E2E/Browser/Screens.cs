using Microsoft.Playwright;
using Squadra.Testing;

namespace Squadra.E2E.Browser;

/// <summary>
/// What the journeys share for the pictures people look at: the two window sizes, where a screen's picture goes
/// (artifacts/screens/), and axe-core's audit of a page (its script added to a context with <see cref="AddAxeAsync"/>).
/// </summary>
internal static class Screens
{
    public static readonly string AxeScript = Path.Combine(RepositoryRoot.Path, "tests", "clients", "axe", "node_modules", "axe-core", "axe.min.js");

    /// <summary>A laptop and a phone: the two sizes every screen is looked at in.</summary>
    public static TheoryData<string, int, int> Sizes => new() { { "laptop", 1280, 800 }, { "phone", 390, 844 } };

    public static string PathOf(string screen)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", "screens");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{screen}.png");
    }

    public static async Task AddAxeAsync(IBrowserContext context)
    {
        Assert.True(File.Exists(AxeScript), $"axe-core is missing at {AxeScript}: ./test.sh runs npm ci in tests/clients/axe");
        await context.AddInitScriptAsync(scriptPath: AxeScript);
    }

    /// <summary>axe-core's serious and critical violations on the page as it is now (its script added to the context first).</summary>
    public static async Task<string[]> SeriousAccessibilityViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);

    /// <summary>The page's picture under <paramref name="name"/>, and axe-core finds nothing serious on it.</summary>
    public static async Task PhotographAndAuditAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = PathOf(name) });
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));
    }
}
