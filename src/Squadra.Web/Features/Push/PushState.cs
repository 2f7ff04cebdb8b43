namespace Squadra.Web.Features.Push;

/// <summary>Push notifications in this browser for the signed-in user, as wwwroot/js/push.js reports them.</summary>
public enum PushState { Unknown, Unsupported, Denied, Off, On }

public static class PushStates
{
    public static PushState Parse(string? state) => state switch
    {
        "on" => PushState.On,
        "off" => PushState.Off,
        "denied" => PushState.Denied,
        _ => PushState.Unsupported,
    };
}
