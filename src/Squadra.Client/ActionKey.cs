namespace Squadra.Client;

/// <summary>
/// The Idempotency-Key of one user action: the same key while the same request is tried again (after a
/// timeout, a lost answer, a click on "try again"), a new one as soon as the request differs or the last
/// one got a definite answer. So a retry never does the action twice, and a new action is never mistaken
/// for an old one.
/// </summary>
public sealed class ActionKey
{
    object? _request;
    string _key = NewKey();

    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>The key to send with <paramref name="request"/>, compared by value (records are).</summary>
    public string For(object request)
    {
        if (!Equals(request, _request))
        {
            _request = request;
            _key = NewKey();
        }

        return _key;
    }

    /// <summary>
    /// Call with every answer. A definite one (success, or a 4xx refusal) ends the action; no answer or a 5xx leaves
    /// it open, since the action may have happened, so trying again must reuse the key.
    /// </summary>
    public void Settle<T>(ApiResult<T> result)
    {
        if (result.Problem is not { Status: 0 or >= 500 })
            _request = null;
    }
}
