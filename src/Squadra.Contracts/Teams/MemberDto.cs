namespace Squadra.Contracts.Teams;

public sealed record MemberDto(string UserId, string Username, string DisplayName, string Role, DateTimeOffset JoinedAt);
