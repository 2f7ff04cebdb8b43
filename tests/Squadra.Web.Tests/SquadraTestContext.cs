using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Accounts;
using Squadra.Web.Services;

namespace Squadra.Web.Tests;

/// <summary>A bUnit context wired like the real app, with the network replaced by <see cref="FakeApi"/>.</summary>
public abstract class SquadraTestContext : BunitContext
{
    protected SquadraTestContext()
    {
        // localStorage calls succeed and return nothing unless a test sets one up.
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(new HttpClient(Api) { BaseAddress = new Uri("http://localhost/") });
        Services.AddSquadraWeb();
    }

    protected FakeApi Api { get; } = new();

    protected AuthSession Session => Services.GetRequiredService<AuthSession>();

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    protected string CurrentPath => new Uri(Navigation.Uri).AbsolutePath;

    protected static UserDto Alice { get; } = new("u-1", "alice", "Alice Liddell");

    protected Task SignInAsync(UserDto user) =>
        Session.SignInAsync(new LoginResponse("token-" + user.Username, DateTimeOffset.UtcNow.AddHours(1), user));
}
