using Microsoft.JSInterop;

namespace Squadra.Web.Components;

/// <summary>Text to the system clipboard, from a click.</summary>
public static class Clipboard
{
    /// <summary>
    /// Copies <paramref name="text"/>; false when the browser refused it (no permission, a page that is not
    /// secure, an older browser), so the caller can say so where the user looked.
    /// </summary>
    public static async Task<bool> TryCopyAsync(IJSRuntime js, string text)
    {
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", text);
            return true;
        }
        catch (JSException)
        {
            return false;
        }
    }
}
