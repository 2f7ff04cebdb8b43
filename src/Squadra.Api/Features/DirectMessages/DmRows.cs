using Squadra.Api.Data;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.DirectMessages;

namespace Squadra.Api.Features.DirectMessages;

internal sealed record DmRow(Guid Id, long LastMessageSeq, long LastReadSeq, DateTime LastActivityAt, DateTime CreatedAt, bool Muted)
{
    public DmDto ToDto(IEnumerable<UserDto> members) =>
        new(Id.ToString(), [.. members], LastMessageSeq, LastReadSeq, Instants.Utc(LastActivityAt), Instants.Utc(CreatedAt), Muted);
}

internal sealed record DmMemberRow(Guid DmId, Guid UserId, string Username, string DisplayName)
{
    public UserDto ToDto() => new(UserId.ToString(), Username, DisplayName);
}
