namespace Squadra.Client;

/// <summary>
/// Runs a load again when asked while it runs, once, however often it was asked: a burst of notifications
/// about one team costs two requests, not one per notification, and the last answer is never older than the last ask.
/// </summary>
public sealed class Reloader(Func<Task> load)
{
    Task? _running;
    bool _again;

    public Task RequestAsync()
    {
        if (_running is { IsCompleted: false })
        {
            _again = true;
            return _running;
        }

        return _running = RunAsync();
    }

    async Task RunAsync()
    {
        do
        {
            _again = false;
            await load();
        }
        while (_again);
    }
}
