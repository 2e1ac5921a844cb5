using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Payments;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CreatorMarketplace.DependencyInjection;

/// <summary>
/// Chooses the store and sets the policies and publishers, inside
/// <see cref="CreatorMarketplaceServiceCollectionExtensions.AddCreatorMarketplace"/>. Store packages add their own
/// <c>Use…</c> methods through <see cref="UseStore{TStore}"/>, <see cref="UseCatalog{TCatalog}"/> and
/// <c>AddValidatedOptions</c>.
/// </summary>
public sealed class CreatorMarketplaceBuilder
{
    internal CreatorMarketplaceBuilder(IServiceCollection services) => Services = services;

    /// <summary>The services being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Keeps everything in memory (<see cref="InMemoryMarketplaceStore"/>): for tests, samples and applications that
    /// keep nothing between runs. Its change feed times its waits by a registered <see cref="TimeProvider"/>, or the system's.
    /// </summary>
    /// <returns>The builder.</returns>
    public CreatorMarketplaceBuilder UseInMemory() => UseStore(services => new InMemoryMarketplaceStore(CreatorMarketplaceServiceCollectionExtensions.Time(services), services.GetService<ILogger<InMemoryMarketplaceStore>>()));

    /// <summary>Uses a store the factory makes, once, replacing any store chosen before.</summary>
    /// <typeparam name="TStore">The store's type.</typeparam>
    /// <param name="factory">Makes the store from the services; the container disposes it if it is disposable.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public CreatorMarketplaceBuilder UseStore<TStore>(Func<IServiceProvider, TStore> factory)
        where TStore : class, IMarketplaceStore
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton<IMarketplaceStore>(factory));
        return this;
    }

    /// <summary>
    /// Uses a creator catalog the factory makes, once, replacing the in-memory catalog registered by default (or any
    /// chosen before): the PostgreSQL package's, say, for catalogs too large for memory.
    /// </summary>
    /// <typeparam name="TCatalog">The catalog's type.</typeparam>
    /// <param name="factory">Makes the catalog from the services; the container disposes it if it is disposable.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public CreatorMarketplaceBuilder UseCatalog<TCatalog>(Func<IServiceProvider, TCatalog> factory)
        where TCatalog : class, ICreatorCatalog
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton<ICreatorCatalog>(factory));
        return this;
    }

    /// <summary>
    /// Whether the registered <see cref="ICreatorCatalog"/> follows the store while the host runs: on by default, a
    /// hosted service runs the registered <see cref="CatalogFollower"/>, which loads the catalog from the store and
    /// applies every later save, so that searches find what the store holds, after a restart too. Turn it off for an
    /// application that feeds the catalog itself; the <see cref="CatalogFollower"/> stays registered, to run by hand.
    /// </summary>
    /// <param name="follow">True to run the follower with the host; false not to.</param>
    /// <returns>The builder.</returns>
    public CreatorMarketplaceBuilder FollowStoreWithCatalog(bool follow = true)
    {
        var hosted = ServiceDescriptor.Singleton<IHostedService, CatalogFollowerService>();
        if (follow)
        {
            Services.TryAddEnumerable(hosted);
        }
        else
        {
            foreach (var registered in Services.Where(descriptor => descriptor.ServiceType == hosted.ServiceType && descriptor.ImplementationType == hosted.ImplementationType).ToList())
            {
                Services.Remove(registered);
            }
        }

        return this;
    }

    /// <summary>
    /// Keeps only one share of the store's creators in this instance's catalog, such as one market's
    /// (<see cref="CatalogPartition.ByHomeCountry"/>): the registered <see cref="CatalogFollower"/> loads and applies
    /// only the creators the partition holds. Route a query here when <see cref="CatalogPartition.Answers"/> says so.
    /// </summary>
    /// <param name="partition">The creators the catalog holds.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="partition"/> is null.</exception>
    public CreatorMarketplaceBuilder PartitionCatalog(CatalogPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        Services.Replace(ServiceDescriptor.Singleton(partition));
        return this;
    }

    /// <summary>
    /// Registers options of a store or adapter, configured by <paramref name="configure"/> and checked by
    /// <paramref name="validate"/> when the host starts and when they are first read.
    /// </summary>
    /// <typeparam name="TOptions">The options' type.</typeparam>
    /// <param name="configure">Sets the options.</param>
    /// <param name="validate">Throws a <see cref="DomainValidationException"/> (or another <see cref="ArgumentException"/>) naming every problem.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CreatorMarketplaceBuilder AddValidatedOptions<TOptions>(Action<TOptions> configure, Action<TOptions> validate)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(validate);
        Services.AddOptions<TOptions>().Configure(configure);
        return AddValidator(validate, section: null);
    }

    /// <summary>
    /// Registers options of a store or adapter, bound from a configuration section (an <c>appsettings.json</c> section,
    /// say) and checked by <paramref name="validate"/> when the host starts and when they are first read, each problem
    /// named by its configuration path (<c>Section:Key</c>). A key the options do not have is an error naming it, so a
    /// misspelt setting is never silently ignored.
    /// </summary>
    /// <typeparam name="TOptions">The options' type.</typeparam>
    /// <param name="section">The section whose keys are the options' properties.</param>
    /// <param name="validate">Throws a <see cref="DomainValidationException"/> (or another <see cref="ArgumentException"/>) naming every problem.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CreatorMarketplaceBuilder AddValidatedOptions<TOptions>(IConfiguration section, Action<TOptions> validate)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(validate);
        Services.AddOptions<TOptions>().Bind(section, binder => binder.ErrorOnUnknownConfiguration = true);
        return AddValidator(validate, (section as IConfigurationSection)?.Path ?? "");
    }

    // Once per options type: a repeated call adds its settings, not another check. A section names the problems by
    // their configuration paths from then on.
    private CreatorMarketplaceBuilder AddValidator<TOptions>(Action<TOptions> validate, string? section)
        where TOptions : class
    {
        var registered = Services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(IValidateOptions<TOptions>) && descriptor.ImplementationInstance is DomainOptionsValidator<TOptions>);
        if (registered is null)
        {
            Services.AddOptions<TOptions>().ValidateOnStart();
        }
        else if (section is null)
        {
            return this;
        }
        else
        {
            Services.Remove(registered);
        }

        Services.AddSingleton<IValidateOptions<TOptions>>(new DomainOptionsValidator<TOptions>(validate, section));
        return this;
    }

    /// <summary>Sets the platform's fee on releases from escrow (none unless set).</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public CreatorMarketplaceBuilder UseFeePolicy(FeePolicy policy) => Use(policy);

    /// <summary>Sets how escrow is split when a collaboration ends early (<see cref="RefundPolicy.Default"/> unless set).</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public CreatorMarketplaceBuilder UseRefundPolicy(RefundPolicy policy) => Use(policy);

    /// <summary>Sets the collaboration policy, such as when submitted content is approved automatically (<see cref="CollaborationPolicy.Default"/> unless set).</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public CreatorMarketplaceBuilder UseCollaborationPolicy(CollaborationPolicy policy) => Use(policy);

    /// <summary>Sets the marketplace's eligibility policy (<see cref="MarketplacePolicy.TikTokCreatorMarketplace"/> unless set).</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public CreatorMarketplaceBuilder UseEligibilityPolicy(MarketplacePolicy policy) => Use(policy);

    /// <summary>Sets each platform's budget, retries and way to wait for the registered <see cref="CrossPlatformSyncService"/> (<see cref="SyncOptions"/>' defaults unless set).</summary>
    /// <param name="options">The options; checked here.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="DomainValidationException">An option is out of range.</exception>
    public CreatorMarketplaceBuilder UseSyncOptions(CrossPlatformSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Use(options);
    }

    /// <summary>Sets where <see cref="OutboxDispatcher"/> delivers domain events, replacing any publisher set before.</summary>
    /// <typeparam name="TPublisher">The publisher, made by the container as a singleton.</typeparam>
    /// <returns>The builder.</returns>
    public CreatorMarketplaceBuilder AddOutboxPublisher<TPublisher>()
        where TPublisher : class, IOutboxPublisher
    {
        Services.Replace(ServiceDescriptor.Singleton<IOutboxPublisher, TPublisher>());
        return this;
    }

    /// <summary>
    /// Delivers the outbox in the background: a hosted service that holds the store's outbox lease
    /// (<see cref="IMarketplaceStore.OutboxLease"/>), so that one instance of the application delivers at a time, and
    /// while it holds it delivers pending events through the registered <see cref="IOutboxPublisher"/> whenever the
    /// change feed has new ones, backing off after a failure and dead-lettering an event after
    /// <see cref="OutboxDispatcherOptions.MaxAttempts"/>. It stops delivering the moment it loses the lease, and on
    /// shutdown cancels the publish under way, marks what was delivered and releases the lease. Times its waits by a
    /// registered <see cref="TimeProvider"/>, the system's otherwise.
    /// </summary>
    /// <param name="configure">Sets the options, checked when the host starts; null keeps the defaults.</param>
    /// <returns>The builder.</returns>
    public CreatorMarketplaceBuilder AddOutboxDispatcher(Action<OutboxDispatcherOptions>? configure = null) =>
        AddValidatedOptions(configure ?? (_ => { }), DispatcherOptions).AddOutboxDispatcherService();

    /// <summary>
    /// Delivers the outbox in the background, as <see cref="AddOutboxDispatcher(Action{OutboxDispatcherOptions}?)"/>
    /// does, with the options bound from a configuration section (<c>"OutboxDispatcher": { "MaxAttempts": 8 }</c>)
    /// and checked when the host starts, each problem and each unknown key named by its configuration path.
    /// </summary>
    /// <param name="section">The section whose keys are <see cref="OutboxDispatcherOptions"/>' properties.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="section"/> is null.</exception>
    public CreatorMarketplaceBuilder AddOutboxDispatcher(IConfiguration section) =>
        AddValidatedOptions<OutboxDispatcherOptions>(section, DispatcherOptions).AddOutboxDispatcherService();

    private static void DispatcherOptions(OutboxDispatcherOptions options) => options.Validate();

    private CreatorMarketplaceBuilder AddOutboxDispatcherService()
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxDispatcherService>(services => new OutboxDispatcherService(
            services.GetRequiredService<IMarketplaceStore>(),
            CreatorMarketplaceServiceCollectionExtensions.Publisher(services, nameof(AddOutboxDispatcher)),
            services.GetRequiredService<IClock>(),
            CreatorMarketplaceServiceCollectionExtensions.Time(services),
            services.GetRequiredService<IOptions<OutboxDispatcherOptions>>(),
            services.GetService<ILogger<OutboxDispatcherService>>() ?? NullLogger<OutboxDispatcherService>.Instance,
            services.GetService<ILogger<OutboxDispatcher>>())));
        return this;
    }

    private CreatorMarketplaceBuilder Use<TPolicy>(TPolicy policy)
        where TPolicy : class
    {
        ArgumentNullException.ThrowIfNull(policy);
        Services.Replace(ServiceDescriptor.Singleton(policy));
        return this;
    }

    // Registered once, so that a repeated AddCreatorMarketplace registers nothing twice.
    internal sealed class Marker
    {
    }

    private sealed class DomainOptionsValidator<TOptions>(Action<TOptions> validate, string? section) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            try
            {
                validate(options);
                return ValidateOptionsResult.Success;
            }
            catch (DomainValidationException exception)
            {
                return ValidateOptionsResult.Fail(exception.Errors.Select(error => $"{Name(error.Field)}: {error.Message} ({error.Code})"));
            }
            catch (ArgumentException exception)
            {
                return ValidateOptionsResult.Fail($"{Name(null)}: {exception.Message}");
            }
        }

        // An option as the application wrote it: SqliteStoreOptions.path in code, Marketplace:Sqlite:Path in configuration.
        private string Name(string? field) => (section, field) switch
        {
            (null, null or "") => typeof(TOptions).Name,
            (null, _) => $"{typeof(TOptions).Name}.{field}",
            (_, null or "") => section,
            ("", _) => Key(field),
            _ => ConfigurationPath.Combine(section, Key(field)),
        };

        private static string Key(string field) => char.ToUpperInvariant(field[0]) + field[1..];
    }
}
