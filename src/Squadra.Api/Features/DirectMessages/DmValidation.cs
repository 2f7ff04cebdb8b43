using Squadra.Contracts.DirectMessages;

namespace Squadra.Api.Features.DirectMessages;

internal static class DmValidation
{
    public const string Invalid = "userIds lists 1-8 other users by id, each once, without the caller.";

    /// <summary>The other members asked for, or null when the list is not 1-8 distinct user ids other than the caller's.</summary>
    public static IReadOnlyList<Guid>? Others(CreateDmRequest request, Guid caller)
    {
        if (request.UserIds is not { Count: >= 1 and <= DmRules.MaxOthers } ids)
        {
            return null;
        }
        var others = new List<Guid>();
        foreach (var id in ids)
        {
            if (!Guid.TryParse(id, out var other) || other == caller || others.Contains(other))
            {
                return null;
            }
            others.Add(other);
        }
        return others;
    }
}
