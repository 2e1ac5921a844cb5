using CreatorMarketplace.ReadModels;
using Microsoft.Extensions.Hosting;

namespace CreatorMarketplace.DependencyInjection;

// Runs the registered CatalogFollower for as long as the host runs; stopping the host cancels the run and waits for
// it to end (BackgroundService.StopAsync).
internal sealed class CatalogFollowerService(CatalogFollower follower) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await follower.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped with the host: the follower's status says Stopped.
        }
    }
}
