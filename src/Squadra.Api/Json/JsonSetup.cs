namespace Squadra.Api.Json;

internal static class JsonSetup
{
    public static IHostApplicationBuilder AddSquadraJson(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new NfcStringConverter()));
        return builder;
    }
}
