using Squadra.Contracts.Chat;
using Squadra.Web.Features.Chat.Reactions;

namespace Squadra.Web.Tests;

public sealed class ReactionWordsTests
{
    static readonly Dictionary<string, string> s_names = new() { ["u-2"] = "Ana", ["u-3"] = "Ben" };

    static string Who(params string[] userIds) => ReactionWords.Who(new ReactionDto("👍", userIds), "u-1", s_names.GetValueOrDefault);

    [Fact]
    public void KnownPeopleAreNamedAndIComeLast() =>
        Assert.Equal("Ana, Ben and you reacted with 👍", Who("u-1", "u-2", "u-3"));

    [Fact]
    public void PeopleNotKnownAreCounted()
    {
        Assert.Equal("Ana and 2 others reacted with 👍", Who("u-2", "u-8", "u-9"));
        Assert.Equal("1 other and you reacted with 👍", Who("u-9", "u-1"));
        Assert.Equal("2 people reacted with 👍", Who("u-8", "u-9"));
        Assert.Equal("You reacted with 👍", Who("u-1"));
    }
}
