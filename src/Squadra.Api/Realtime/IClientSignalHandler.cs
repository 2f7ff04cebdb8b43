using Microsoft.AspNetCore.SignalR;

namespace Squadra.Api.Realtime;

/// <summary>
/// Handles a signal a client sends through the hub (typing): the hub only passes it on to the feature that registered
/// this, so the transport knows no feature. A signal is a hint: a handler ignores what it refuses, it never throws.
/// </summary>
internal interface IClientSignalHandler<in TSignal>
{
    Task HandleAsync(HubCallerContext caller, TSignal signal);
}
