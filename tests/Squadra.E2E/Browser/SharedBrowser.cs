using Microsoft.Playwright;

namespace Squadra.E2E.Browser;

/// <summary>
/// One Chromium for every browser journey of the run (a collection fixture beside the stack): each test still works in
/// contexts of its own, as isolated from the others as separate browsers (cookies, storage, cache, service workers),
/// but no test pays for starting Playwright's driver and Chromium (1-2 s each on a 2-core machine, 76 times a run).
/// A browser that crashed or closed is started again for the next test.
/// </summary>
public sealed class SharedBrowser : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task<IBrowser> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is not { IsConnected: true })
            {
                await CloseAsync();
                (_playwright, _browser) = await BrowserSession.LaunchAsync();
            }
            return _browser!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }

    private async Task CloseAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
    }
}
