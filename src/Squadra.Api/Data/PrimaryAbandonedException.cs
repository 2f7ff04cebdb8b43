namespace Squadra.Api.Data;

/// <summary>Work was stopped because its node is no longer taken for the primary; it is worth a retry on the new one.</summary>
internal sealed class PrimaryAbandonedException(PrimaryTarget target, Exception inner)
    : Exception($"The database node {target.Host}:{target.Port} is no longer the primary", inner);
