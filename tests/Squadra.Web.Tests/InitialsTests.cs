using Squadra.Web.Components;

namespace Squadra.Web.Tests;

public sealed class InitialsTests : BunitContext
{
    [Theory]
    [InlineData("alice", "A")]
    [InlineData("  rowing club ", "R")]
    [InlineData("", "?")]
    [InlineData("   ", "?")]
    [InlineData("🎸 Band", "🎸")] // two UTF-16 units: half of one is no letter
    [InlineData("e\u0301mile", "E\u0301")] // an accent written after its letter stays with it
    public void TheInitialIsTheFirstCharacterInUpperCase(string name, string initial) => Assert.Equal(initial, Initials.Of(name));

    [Fact]
    public void AnAvatarShowsTheInitial()
    {
        var avatar = Render<Avatar>(parameters => parameters.Add(p => p.Name, "🎸 Band"));

        Assert.Equal("🎸", avatar.Find(".avatar").TextContent);
    }
}
