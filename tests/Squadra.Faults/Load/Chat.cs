namespace Squadra.Faults.Load;

/// <summary>A conversation of the workload: a team's chat or a direct message, each with its own gapless seqs.</summary>
public sealed record Chat(string Id, bool IsDm)
{
    public string MessagesPath => IsDm ? $"/api/dms/{Id}/messages" : $"/api/teams/{Id}/messages";
}
