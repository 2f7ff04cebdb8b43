namespace Squadra.Contracts.Operations;

public sealed record ClusterDto(string Replica, IReadOnlyList<ReplicaDto> Replicas, DatabaseDto Database);

public sealed record ReplicaDto(string Name, string Url, bool Healthy);

public sealed record DatabaseDto(string? Primary, IReadOnlyList<DatabaseNodeDto> Nodes);

public sealed record DatabaseNodeDto(string Host, int Port, string Role, bool Healthy);
