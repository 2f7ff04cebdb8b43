namespace Squadra.Contracts.Push;

/// <summary>The server's VAPID public key (an uncompressed P-256 point, base64url): the browser's applicationServerKey.</summary>
public sealed record PushPublicKeyDto(string PublicKey);

/// <summary>A browser's push subscription as <c>PushSubscription.toJSON()</c> gives it (its expirationTime is not kept).</summary>
public sealed record PushSubscriptionRequest(string Endpoint, PushSubscriptionKeys Keys);

/// <summary>The subscription's P-256 ECDH public key (65 bytes) and auth secret (16 bytes), both base64url.</summary>
public sealed record PushSubscriptionKeys(string P256dh, string Auth);

/// <summary>
/// What a push message carries, as JSON: the notification's type, a short plain title and body, the page to open
/// (a path of the web app, e.g. <c>/teams/{id}?message={seq}</c>), and buttons when it asks for an answer.
/// </summary>
public sealed record PushPayload(string Type, string Title, string Body, string Url, IReadOnlyList<PushAction>? Actions = null);

/// <summary>A button of a pushed notification (the browser shows up to two): its name, its words, and the page it opens.</summary>
public sealed record PushAction(string Action, string Title, string Url);

/// <summary>A subscription as kept: its endpoint and when it was (last) subscribed.</summary>
public sealed record PushSubscriptionDto(string Endpoint, DateTimeOffset CreatedAt);
