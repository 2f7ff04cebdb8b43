using Squadra.Contracts.Chat;

namespace Squadra.Web.Tests;

/// <summary>The rule shared by the API (who is mentioned) and the browser (what is marked), tested where it is fastest.</summary>
public sealed class MentionRulesTests
{
    [Theory]
    [InlineData("thanks @ben.", new[] { "ben" })]
    [InlineData("@ana_b, @Ana_B and @ana_b again", new[] { "ana_b" })]
    [InlineData("@ana.lima-2 @ben", new[] { "ana.lima-2", "ben" })]
    [InlineData("ana@example.com @@ben x@ben", new string[0])]
    [InlineData("@ab is too short", new string[0])]
    [InlineData("`@ana` and ``x ` @ben`` and @cleo", new[] { "cleo" })]
    [InlineData("```\n@ana\n```\n@ben\n~~~js\n@cleo", new[] { "ben" })]
    [InlineData("```@ana```\n@ben", new[] { "ben" })]
    public void UsernamesAreTakenOnceInOrderOutsideCode(string body, string[] expected)
    {
        Assert.Equal(expected, MentionRules.Parse(body).Usernames);
    }

    [Theory]
    [InlineData("@all hands", true)]
    [InlineData("@ALL.", true)]
    [InlineData("@allison", false)]
    [InlineData("`@all`", false)]
    public void AllIsItsOwnWordAndNeverAUsername(string body, bool all)
    {
        var parsed = MentionRules.Parse(body);

        Assert.Equal(all, parsed.All);
        Assert.DoesNotContain(parsed.Usernames, name => MentionRules.IsAll(name));
    }
}
