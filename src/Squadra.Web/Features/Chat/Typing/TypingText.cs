using Squadra.Contracts.Accounts;

namespace Squadra.Web.Features.Chat.Typing;

public static class TypingText
{
    /// <summary>"Ana is typing…", "Ana and Ben are typing…", "Several people are typing…"; null when nobody is.</summary>
    public static string? Of(IReadOnlyList<UserDto> typists) => typists.Count switch
    {
        0 => null,
        1 => $"{typists[0].DisplayName} is typing…",
        2 => $"{typists[0].DisplayName} and {typists[1].DisplayName} are typing…",
        _ => "Several people are typing…",
    };
}
