using Microsoft.JSInterop;
using Squadra.Client;

namespace Squadra.Web.Features.Push;

/// <summary>
/// Signing out ends this browser's push subscription of the user who signs out: a shared browser must not keep showing
/// their mentions and DMs to whoever uses it next. Best effort: the sign-out goes on whatever happens here.
/// </summary>
public static class PushSignOut
{
    public static async Task TurnOffAsync(IJSRuntime js, ApiClient api, string userId)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference?>("import", "./js/push.js");
            if (module is null || PushStates.Parse(await module.InvokeAsync<string?>("state", userId)) != PushState.On)
                return;
            if (await module.InvokeAsync<string?>("unsubscribe") is { } endpoint)
                await api.UnsubscribePushAsync(endpoint);
        }
        catch (JSException)
        {
            // No push here to end.
        }
    }
}
