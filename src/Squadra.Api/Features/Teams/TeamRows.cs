using Squadra.Api.Data;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Teams;

internal sealed record TeamRow(Guid Id, string Name, string Description, string Role, DateTime CreatedAt, int MemberCount, long LastMessageSeq, long LastReadSeq, string Language, bool Muted)
{
    public TeamDto ToDto(IReadOnlyList<MemberDto>? members = null) =>
        new(Id.ToString(), Name, Description, Role, MemberCount, Instants.Utc(CreatedAt), members, LastMessageSeq, LastReadSeq, Language, Muted);
}

internal sealed record MemberRow(Guid UserId, string Username, string DisplayName, string Role, DateTime JoinedAt)
{
    public MemberDto ToDto() => new(UserId.ToString(), Username, DisplayName, Role, Instants.Utc(JoinedAt));
}
