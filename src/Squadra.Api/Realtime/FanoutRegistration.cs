using System.Reflection;

namespace Squadra.Api.Realtime;

/// <summary>An event type a feature announces, with the short name that stands for it in payloads.</summary>
internal sealed record FanoutEventType(Type Type, string Discriminator);

/// <summary>Handles one kind of fan-out event on this replica: pushes it to the local connections it concerns.</summary>
internal interface IFanoutHandler<TEvent> where TEvent : FanoutEvent
{
    Task HandleAsync(TEvent fanoutEvent, CancellationToken ct);
}

/// <summary>
/// A feature's part in keeping its pushes complete when announcements are missed: after the announcement channel came
/// back (catch-up) and every sweep interval (an announcement lost between a commit and its send).
/// </summary>
internal interface IFanoutRecovery
{
    Task CatchUpAsync(CancellationToken ct);

    Task SweepAsync(CancellationToken ct);
}

/// <summary>One route of the dispatcher: events of <see cref="EventType"/> go to the handler it resolves.</summary>
internal sealed record FanoutRoute(Type EventType, Func<IServiceProvider, FanoutEvent, CancellationToken, Task> Handle);

/// <summary>How a feature plugs its events, handlers and recovery into the transport, in its own <c>AddX()</c>.</summary>
internal static class FanoutRegistration
{
    /// <summary>An event announced between replicas, written as <paramref name="discriminator"/> in payloads (keep it stable: replicas of two versions meet during a rolling restart).</summary>
    public static IServiceCollection AddFanoutEvent<TEvent>(this IServiceCollection services, string discriminator) where TEvent : FanoutEvent =>
        services.AddSingleton(new FanoutEventType(typeof(TEvent), discriminator));

    /// <summary>
    /// Registers a feature's fan-out (a singleton: the dispatcher's one task calls it, in order) for everything it
    /// implements: each <see cref="IFanoutHandler{TEvent}"/> becomes a route, <see cref="IFanoutRecovery"/> runs at every
    /// catch-up and sweep, <see cref="IConnectionObserver"/> hears of connections; all in registration order.
    /// </summary>
    public static IServiceCollection AddFanout<TFanout>(this IServiceCollection services) where TFanout : class
    {
        services.AddSingleton<TFanout>();
        foreach (var handler in typeof(TFanout).GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFanoutHandler<>)))
        {
            // Reflection once, here; each event then goes through a typed delegate.
            var route = typeof(FanoutRegistration).GetMethod(nameof(Route), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(handler.GetGenericArguments()[0], typeof(TFanout));
            services.AddSingleton((FanoutRoute)route.Invoke(null, null)!);
        }
        if (typeof(IFanoutRecovery).IsAssignableFrom(typeof(TFanout)))
        {
            services.AddSingleton(provider => (IFanoutRecovery)provider.GetRequiredService<TFanout>());
        }
        if (typeof(IConnectionObserver).IsAssignableFrom(typeof(TFanout)))
        {
            services.AddSingleton(provider => (IConnectionObserver)provider.GetRequiredService<TFanout>());
        }
        return services;
    }

    private static FanoutRoute Route<TEvent, TFanout>()
        where TEvent : FanoutEvent
        where TFanout : class, IFanoutHandler<TEvent> =>
        new(typeof(TEvent), (provider, fanoutEvent, ct) => provider.GetRequiredService<TFanout>().HandleAsync((TEvent)fanoutEvent, ct));
}
