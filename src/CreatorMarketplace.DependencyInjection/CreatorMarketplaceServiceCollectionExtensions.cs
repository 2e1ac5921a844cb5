using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Payments;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CreatorMarketplace.DependencyInjection;

/// <summary>Registers CreatorMarketplace.Core with a <see cref="IServiceCollection"/>.</summary>
public static class CreatorMarketplaceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the library: the store chosen on the builder and, from it, one <see cref="IRepository{TAggregate, TId}"/>
    /// per aggregate, <see cref="IOutbox"/>, <see cref="ILedgerStore"/>, <see cref="IPostMetricsStore"/> and <see cref="ICreatorIdentityStore"/>; an <see cref="ICreatorCatalog"/>
    /// and a <see cref="CatalogFollower"/> that keeps it following the store, run by a hosted service while the host
    /// runs (unless <see cref="CreatorMarketplaceBuilder.FollowStoreWithCatalog"/> turns it off); the policies, and the
    /// entry points that apply them (a <see cref="CollaborationOpener"/>, and a <c>Func&lt;EscrowLedger, CollaborationPayments&gt;</c>
    /// that makes <see cref="CollaborationPayments"/> over the application's ledger); an
    /// <see cref="OutboxDispatcher"/>; and <see cref="IClock"/>, a <see cref="TimeProviderClock"/> over the registered
    /// <see cref="TimeProvider"/> (the system's if none is) unless the application registered a clock of its own. Everything is a singleton.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Chooses the store and sets policies and publishers.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>
    /// Calling it again is harmless: what was registered stays registered once, and a later call changes only what it
    /// sets (a later store or policy replaces an earlier one). Registrations the application made itself for these
    /// services win. Whether a store was chosen, and the store's options, are validated when the host starts (or
    /// when the store is first resolved).
    /// </remarks>
    public static IServiceCollection AddCreatorMarketplace(this IServiceCollection services, Action<CreatorMarketplaceBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(CreatorMarketplaceBuilder.Marker)))
        {
            AddOnce(services);
        }

        configure(new CreatorMarketplaceBuilder(services));
        return services;
    }

    private static void AddOnce(IServiceCollection services)
    {
        services.AddSingleton<CreatorMarketplaceBuilder.Marker>();
        // One clock: the instants commands record come from the time the stores and hosted services wait by.
        services.TryAddSingleton<IClock>(sp => new TimeProviderClock(Time(sp)));

        // Every member of the port, each repository, the outbox, the ledger and the post metrics, as a service of its
        // own: the port is the one list, so an aggregate added to it is registered without an edit here.
        foreach (var member in typeof(IMarketplaceStore).GetProperties())
        {
            services.TryAdd(ServiceDescriptor.Singleton(member.PropertyType, sp => member.GetValue(Store(sp))!));
        }

        services.TryAddSingleton<ICreatorCatalog, InMemoryCreatorCatalog>();
        services.TryAddSingleton(sp => new CatalogFollower(Store(sp), sp.GetRequiredService<ICreatorCatalog>(), Time(sp), logger: sp.GetService<ILogger<CatalogFollower>>(), partition: sp.GetService<CatalogPartition>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CatalogFollowerService>());
        services.TryAddSingleton(FeePolicy.None);
        services.TryAddSingleton(RefundPolicy.Default);
        services.TryAddSingleton(CollaborationPolicy.Default);
        services.TryAddSingleton(MarketplacePolicy.TikTokCreatorMarketplace);

        // The entry points a command handler takes, so that the registered policies apply without it passing them along.
        services.TryAddSingleton(sp => new CollaborationOpener(sp.GetRequiredService<CollaborationPolicy>(), sp.GetRequiredService<IClock>()));
        services.TryAddSingleton<Func<EscrowLedger, CollaborationPayments>>(sp =>
        {
            var (fees, refunds) = (sp.GetRequiredService<FeePolicy>(), sp.GetRequiredService<RefundPolicy>());
            return ledger => new CollaborationPayments(ledger, fees, refunds);
        });
        services.TryAddSingleton(sp => new OutboxDispatcher(sp.GetRequiredService<IOutbox>(), Publisher(sp, nameof(OutboxDispatcher)), sp.GetRequiredService<IClock>(), logger: sp.GetService<ILogger<OutboxDispatcher>>()));

        // The sync over every connector added (IEnumerable<IPlatformConnector>), so that a connector package added
        // later is synced without application code. Transient, as the connectors are: the caller keeps one per job.
        services.TryAddSingleton(new CrossPlatformSyncOptions());
        services.TryAddTransient(sp => new CrossPlatformSyncService(
            sp.GetServices<IPlatformConnector>(),
            sp.GetRequiredService<IRepository<Creator, CreatorId>>(),
            sp.GetRequiredService<IPostMetricsStore>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<CrossPlatformSyncOptions>(),
            sp.GetService<ILogger<CreatorSyncService>>()));

        // A missing store is found when the host starts, not at the first request that needs one.
        services.AddOptions<CreatorMarketplaceBuilder.Marker>()
            .Validate<IServiceProviderIsService>(
                (_, registered) => registered.IsService(typeof(IMarketplaceStore)),
                "AddCreatorMarketplace: no store is chosen; call UseInMemory(), UseSqlite(...) or UsePostgreSql(...) on the builder.")
            .ValidateOnStart();
    }

    // The registered publisher, or an error that names what needs one and how to add it.
    internal static IOutboxPublisher Publisher(IServiceProvider services, string needer) =>
        services.GetService<IOutboxPublisher>() ?? throw new InvalidOperationException(
            $"{needer}: no IOutboxPublisher is registered; add one with AddCreatorMarketplace(b => b.AddOutboxPublisher<TPublisher>()).");

    // The registered time, which the application fakes in tests, or the system's.
    internal static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    private static IMarketplaceStore Store(IServiceProvider services) =>
        services.GetService<IMarketplaceStore>() ?? throw new InvalidOperationException(
            "AddCreatorMarketplace: no store is chosen; call UseInMemory(), UseSqlite(...) or UsePostgreSql(...) on the builder.");
}
