namespace Squadra.Web.Services;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The app's own services. Singletons, so the session restored before the first render is the one every
    /// component sees. The caller registers a singleton HttpClient, so tests can fake the network.
    /// </summary>
    public static IServiceCollection AddSquadraWeb(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuthSession>();
        services.AddSingleton<ApiClient>();
        return services;
    }
}
