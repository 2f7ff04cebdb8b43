namespace Squadra.Contracts.Saved;

/// <summary>Pushed to every connection of a user (any replica, any device) when they saved or unsaved a message.</summary>
public sealed record MessageSavedPush(string MessageId, bool Saved);
