using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Storage;
using NodaTime;

namespace CreatorMarketplace.Connectors;

/// <summary>
/// Refreshes creators from every platform they have accounts on: each account through the connector of its
/// platform, by a <see cref="CreatorSyncService"/> of that platform's own, within that platform's own budget
/// (<see cref="CrossPlatformSyncOptions"/>). The platforms run side by side and apart: a platform whose quota or rate
/// limit is spent stops (<see cref="SyncReport.Stopped"/>) while the others go on.
/// </summary>
/// <remarks>
/// <para>
/// An account whose platform has no connector is not skipped: it is a <see cref="SyncFailureKind.NoConnector"/>
/// failure in the report and the <see cref="AccountFailed"/> event.
/// </para>
/// <para>
/// The platforms' runs are concurrent, so the events and the progress may be raised from several at once. A creator
/// saved by two platforms' runs together is saved by both, the later one taking in the earlier one's change, as
/// <see cref="CreatorSyncService"/> does with any concurrent save. The service keeps each platform's rate budget
/// between runs; it is not meant for two runs at once.
/// </para>
/// </remarks>
public sealed class CrossPlatformSyncService
{
    private readonly Dictionary<Platform, CreatorSyncService> _platforms = [];

    /// <summary>Creates the service over the connectors given, one per platform.</summary>
    /// <param name="connectors">The connectors, at most one per platform.</param>
    /// <param name="creators">Where the creators are kept.</param>
    /// <param name="snapshots">Where metrics snapshots go.</param>
    /// <param name="clock">The clock for the rate budgets and the events.</param>
    /// <param name="options">Each platform's budget, retries and way to wait; the defaults when null.</param>
    /// <param name="logger">Where the platforms' runs are logged; none when null.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> and <paramref name="logger"/> is null.</exception>
    /// <exception cref="ArgumentException">A connector is null, or two are for the same platform.</exception>
    /// <exception cref="DomainValidationException">An option is out of range.</exception>
    public CrossPlatformSyncService(
        IEnumerable<IPlatformConnector> connectors,
        IRepository<Creator, CreatorId> creators,
        IPostMetricsStore snapshots,
        IClock clock,
        CrossPlatformSyncOptions? options = null,
        ILogger<CreatorSyncService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        ArgumentNullException.ThrowIfNull(creators);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new CrossPlatformSyncOptions();
        options.Validate();
        var errors = new ErrorCollector();
        var index = 0;
        foreach (var connector in connectors)
        {
            var field = $"connectors[{index++}]";
            if (connector is null)
            {
                errors.Add(field, "sync.connector_missing", "every connector is given.");
            }
            else if (_platforms.ContainsKey(connector.Platform))
            {
                errors.Add(field, "sync.connector_repeated", $"one connector per platform, and {connector.Platform.Name} has two.");
            }
            else
            {
                var sync = new CreatorSyncService(connector, creators, snapshots, clock, options.For(connector.Platform), logger);
                sync.Rejected += (_, rejection) => Rejected?.Invoke(this, rejection);
                sync.AccountFailed += (_, failure) => AccountFailed?.Invoke(this, failure);
                _platforms.Add(connector.Platform, sync);
            }
        }

        errors.ThrowIfAny(nameof(connectors));
    }

    /// <summary>Raised for each piece of platform data refused, with the reason, from whichever platform's run refused it.</summary>
    public event EventHandler<SyncRejection>? Rejected;

    /// <summary>Raised for each account given up for the run, with the reason; an account with no connector for its platform too.</summary>
    public event EventHandler<SyncFailure>? AccountFailed;

    /// <summary>The platforms the service has a connector for.</summary>
    public IReadOnlyCollection<Platform> Platforms => _platforms.Keys;

    /// <summary>Every account of the creators, on every platform they have, as the accounts a run takes.</summary>
    /// <param name="creators">The creators.</param>
    /// <returns>Their accounts, creator by creator, each creator's primary account first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="creators"/> or one of them is null.</exception>
    public static IReadOnlyList<ConnectedAccount> AccountsOf(IEnumerable<Creator> creators)
    {
        ArgumentNullException.ThrowIfNull(creators);
        var accounts = new List<ConnectedAccount>();
        foreach (var creator in creators)
        {
            ArgumentNullException.ThrowIfNull(creator, nameof(creators));
            accounts.AddRange(creator.Accounts.Select(account => new ConnectedAccount(creator.Id, account.Handle, account.ExternalId)));
        }

        return accounts;
    }

    /// <summary>Refreshes the accounts, each through its platform's connector, resuming from checkpoints if given.</summary>
    /// <param name="accounts">The accounts, on any platforms; each creator once per platform.</param>
    /// <param name="resumeFrom">Where an earlier run of the same accounts stopped, per platform (<see cref="CrossPlatformSyncReport.Checkpoints"/>), or null to start afresh.</param>
    /// <param name="progress">Told after each account, with its platform and that platform's checkpoint.</param>
    /// <param name="cancellationToken">Stops every platform's run between calls; the last reported checkpoints resume them.</param>
    /// <returns>What the run did on each platform, and the accounts no connector could take.</returns>
    /// <exception cref="ArgumentException">An account is null, or a creator is named twice on one platform.</exception>
    public async Task<CrossPlatformSyncReport> RunAsync(
        IReadOnlyList<ConnectedAccount> accounts,
        IReadOnlyDictionary<Platform, SyncCheckpoint>? resumeFrom = null,
        IProgress<PlatformSyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        // Checked here for every platform, so that no platform's run starts on a list another would refuse.
        var errors = new ErrorCollector();
        var seen = new HashSet<(Platform, CreatorId)>();
        for (var i = 0; i < accounts.Count; i++)
        {
            errors.Require(accounts[i] is not null, $"accounts[{i}]", "sync.account_missing", "every account is given.");
            errors.Require(accounts[i] is null || seen.Add((accounts[i].Platform, accounts[i].Creator)), $"accounts[{i}].creator", "sync.creator_repeated", "a creator is synced once a run on each platform.");
        }

        errors.ThrowIfAny(nameof(accounts));
        var byPlatform = accounts.GroupBy(account => account.Platform).ToList();
        var withoutConnector = new List<SyncFailure>();
        foreach (var account in accounts.Where(account => !_platforms.ContainsKey(account.Platform)))
        {
            var failure = new SyncFailure(account, SyncFailureKind.NoConnector, $"no connector for {account.Platform.Name} was given to the sync.", NeedsReconnect: false);
            withoutConnector.Add(failure);
            AccountFailed?.Invoke(this, failure);
        }

        // Each platform on its own: one platform's waits never hold up another's calls.
        var runs = byPlatform.Where(group => _platforms.ContainsKey(group.Key)).Select(group => RunPlatformAsync(group.Key, [.. group], resumeFrom, progress, cancellationToken)).ToList();
        var reports = await Task.WhenAll(runs).ConfigureAwait(false);
        return new CrossPlatformSyncReport(reports.ToDictionary(pair => pair.Platform, pair => pair.Report), withoutConnector);
    }

    private async Task<(Platform Platform, SyncReport Report)> RunPlatformAsync(
        Platform platform,
        IReadOnlyList<ConnectedAccount> accounts,
        IReadOnlyDictionary<Platform, SyncCheckpoint>? resumeFrom,
        IProgress<PlatformSyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        var checkpoint = resumeFrom?.GetValueOrDefault(platform);
        var platformProgress = progress is null ? null : new Progress(platform, progress);
        var report = await _platforms[platform].RunAsync(accounts, checkpoint, platformProgress, cancellationToken).ConfigureAwait(false);
        return (platform, report);
    }

    // Tells the caller's progress the platform of each step, on the thread that made it.
    private sealed class Progress(Platform platform, IProgress<PlatformSyncProgress> inner) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => inner.Report(new PlatformSyncProgress(platform, value));
    }
}

/// <summary>How <see cref="CrossPlatformSyncService"/> paces and bounds each platform's work.</summary>
public sealed record CrossPlatformSyncOptions
{
    /// <summary>The options of a platform not named in <see cref="Platforms"/>; <see cref="SyncOptions"/>' defaults unless set.</summary>
    public SyncOptions Default { get; init; } = new();

    /// <summary>Each platform's own options (its budget of calls, its quota for a run, its longest rate limit waited out); none unless set.</summary>
    public IReadOnlyDictionary<Platform, SyncOptions> Platforms { get; init; } = new Dictionary<Platform, SyncOptions>();

    /// <summary>The options a platform's run takes.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>Its own options, or <see cref="Default"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="platform"/> is null.</exception>
    public SyncOptions For(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return Platforms.GetValueOrDefault(platform) ?? Default;
    }

    /// <summary>Checks the options, naming every problem.</summary>
    /// <exception cref="DomainValidationException">An option is out of range, or missing.</exception>
    public void Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(Default is not null, "default", "sync.options_missing", "the default options are given.");
        errors.Require(Platforms is not null, "platforms", "sync.options_missing", "the platforms' options are given (empty for none).");
        errors.ThrowIfAny("options");
        Default!.Validate();
        foreach (var options in Platforms!.Values)
        {
            options.Validate();
        }
    }
}

/// <summary>How far one platform's part of a cross-platform run is, reported after each of its accounts.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Progress">That platform's progress, with its checkpoint.</param>
public sealed record PlatformSyncProgress(Platform Platform, SyncProgress Progress);

/// <summary>What a cross-platform run did.</summary>
/// <param name="Platforms">Each platform's report, for every platform with accounts in the run and a connector.</param>
/// <param name="WithoutConnector">The accounts on a platform the sync has no connector for, in the order given, each a <see cref="SyncFailureKind.NoConnector"/> failure.</param>
public sealed record CrossPlatformSyncReport(IReadOnlyDictionary<Platform, SyncReport> Platforms, IReadOnlyList<SyncFailure> WithoutConnector)
{
    /// <summary>Where each platform's run ended; pass them back to resume.</summary>
    public IReadOnlyDictionary<Platform, SyncCheckpoint> Checkpoints => Platforms.ToDictionary(pair => pair.Key, pair => pair.Value.Checkpoint);

    /// <summary>Accounts in the run, those without a connector included.</summary>
    public int Accounts => Platforms.Values.Sum(report => report.Accounts) + WithoutConnector.Count;

    /// <summary>Accounts finished on every platform.</summary>
    public int Completed => Platforms.Values.Sum(report => report.Completed);
}
