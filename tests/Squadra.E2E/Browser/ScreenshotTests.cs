using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Browser;

/// <summary>
/// Every screen at a laptop's and a phone's size, as a person meets them, saved to artifacts/screenshots/
/// (the README's pictures come from there): a look at the product, and a check that each screen renders
/// without a console error under the gateway's Content-Security-Policy.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ScreenshotTests(RunningStack stack) : BrowserJourney(stack)
{
    public static TheoryData<string, int, int> Sizes => new() { { "laptop", 1280, 800 }, { "phone", 390, 844 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task EveryScreenRendersWithoutAConsoleError(string device, int width, int height)
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, "Rowing club");
        foreach (var (who, body) in new[] { (ana, "Training moves to 18:30 on Thursday."), (ben, "Works for me. Boathouse as usual?"), (ana, "Yes, bring the new oars.") })
        {
            await ApiCalls.As(client, who).PostMessageAsync(team.Id, new PostMessageRequest(body), ActionKey.NewKey()).ValueOrThrowAsync();
        }
        var training = await ApiCalls.As(client, ana).CreateEventAsync(team.Id,
            new CreateEventRequest("Thursday training", EventInstant(DateTimeOffset.UtcNow.AddDays(2)), Location: "Boathouse", Description: "Bring the new oars."),
            ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, ben).RsvpAsync(team.Id, training.Id, "going").ValueOrThrowAsync();

        await using var context = await NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/login");
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync(new() { Timeout = Patience });
        await SaveAsync(page, "login", device);
        await page.GotoAsync("/register");
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync(new() { Timeout = Patience });
        await SaveAsync(page, "register", device);

        await page.GotoAsync("/login");
        await page.FillAsync("#username", ben.User.Username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=team-item]")).ToContainTextAsync("Rowing club", new() { Timeout = Patience });
        await SaveAsync(page, "home", device);

        await page.Locator("[data-testid=team-item] a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToHaveCountAsync(3, new() { Timeout = Patience });
        await SaveAsync(page, "team-chat", device);

        await page.GotoAsync($"/teams/{team.Id}/calendar");
        await Assertions.Expect(page.GetByText("Thursday training").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await SaveAsync(page, "team-calendar", device);

        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.GetByText("Thursday training").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await SaveAsync(page, "notifications", device);

        Assert.Empty(errors);
    }

    private static string EventInstant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'18:30:00'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task SaveAsync(IPage page, string screen, string device)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{screen}-{device}.png") });
    }
}
