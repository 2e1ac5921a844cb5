using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Storage;
using NodaTime;

namespace CreatorMarketplace.ReadModels;

/// <summary>
/// Keeps an <see cref="ICreatorCatalog"/> following an <see cref="IMarketplaceStore"/>: it loads every creator the
/// store holds, then applies each later change of a creator from the store's change feed
/// (<see cref="IMarketplaceStore.Changes"/>), so that searches find what was saved, in this process or another.
/// </summary>
/// <remarks>
/// <para>
/// <b>A consistent start.</b> The follower takes the feed's head first, then reads every creator's listing
/// (<see cref="BulkRead.ReadListingsAsync"/>) into the catalog, with <see cref="ICatalogBulkLoad.LoadAsync"/> when the
/// catalog offers it (<see cref="InMemoryCreatorCatalog"/> and <c>PostgreSqlCreatorCatalog</c> do) and by upserts
/// otherwise, then applies every change after that head. A creator
/// saved while the listings are read is read at its new version, or at its old one and then brought up to date by
/// its change after the head; at worst it is applied twice, which is harmless because an upsert keeps the newest
/// version. Nothing saved after the head is missed: its change is after the head.
/// </para>
/// <para>
/// <b>Following.</b> The follower reads the changes after its <see cref="Position"/> a page at a time and, for each
/// creator changed in the page, reads the creator from the store once and upserts its listing; a creator no longer
/// stored is removed from the catalog. Once no change is left it waits for the next one
/// (<see cref="IChangeFeed.WaitAsync"/>). The position moves only after a whole page is applied, so a run cancelled
/// at any point and run again continues from the position reached, without a reload, missing nothing; what it
/// applies again it applies harmlessly.
/// </para>
/// <para>
/// <b>A partition.</b> A follower given a <see cref="CatalogPartition"/> keeps only its creators in the catalog: the
/// load passes the others by, and a change that moves a creator out removes it, so that several instances fed by
/// the same change feed can each hold one market.
/// </para>
/// <para>
/// <b>A durable catalog.</b> A catalog that keeps what it holds between runs and implements
/// <see cref="ICatalogCheckpoint"/> is loaded once: the follower saves the position it reached after the load and
/// after each page, and a follower started again over the catalog resumes after the position saved.
/// </para>
/// <para>
/// <b>Faults.</b> A change the catalog cannot take (the store cannot read the creator, <see cref="UnreadableAggregateException"/>;
/// or the catalog or the listing's rules refuse it, an <see cref="ArgumentException"/> such as a
/// <see cref="DomainValidationException"/>) is reported in <see cref="RecentFaults"/> and counted in the status, and
/// the follower goes on with the next change. Any other failure of the store or the catalog (a database that cannot
/// be reached) makes the follower <see cref="CatalogFollowerState.Unavailable"/>: it tries again after a back-off
/// that doubles from <see cref="FirstRetryDelay"/> to <see cref="MaxRetryDelay"/>, jittered, timed by its
/// <see cref="TimeProvider"/>. An unreachable store is reported so, never as an empty catalog.
/// </para>
/// </remarks>
public sealed partial class CatalogFollower
{
    /// <summary>How many of the latest faults <see cref="RecentFaults"/> keeps.</summary>
    public const int MaxRecentFaults = 100;

    // The name the stores give a creator's changes (OutboxMessage.Aggregate): the aggregate's type name.
    private const string CreatorAggregate = nameof(Creator);
    private const int MaxReasonLength = 500;

    private readonly IMarketplaceStore _store;
    private readonly ICreatorCatalog _catalog;
    private readonly ICatalogCheckpoint? _checkpoint;
    private readonly CatalogPartition _partition;
    private readonly TimeProvider _time;
    private readonly int _pageSize;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Queue<CatalogFault> _recentFaults = new();
    private int _running;
    private bool _loaded;
    private readonly long? _resumeAfter;
    private CatalogFollowerState _state;
    private long _position;
    private long _checkpointed = -1;
    private long _head;
    private Instant? _newestAppliedAt;
    private Instant? _caughtUpAt;
    private long _faults;
    private int _failures;
    private string? _lastError;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The followers running in this process, which the lag gauge reads when it is observed.
    private static readonly ConcurrentDictionary<CatalogFollower, byte> Running = new(ReferenceEqualityComparer.Instance);

    // One gauge for every follower of the process: the most positions any running follower is behind its store's head.
    private static readonly ObservableGauge<long> Lag = CoreTelemetry.Package.Meter.CreateObservableGauge(
        "creator_marketplace.follower.lag",
        LargestLag,
        "{change}",
        "The most changes any running catalog follower of the process is behind its store's change feed.");

    /// <summary>Creates a follower; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="store">The store to follow.</param>
    /// <param name="catalog">The catalog to keep up to date.</param>
    /// <param name="timeProvider">Times the back-off and the waits, and stamps the status.</param>
    /// <param name="pageSize">How many creators a load reads, and how many changes a step reads, at a time: 1 to <see cref="BulkRead.MaxPageSize"/>.</param>
    /// <param name="resumeAfter">
    /// The position up to which <paramref name="catalog"/> already holds every change, for a catalog that keeps what it
    /// holds between runs: the follower then skips the load and follows after it. Null, the default, to load first, or,
    /// when <paramref name="catalog"/> is an <see cref="ICatalogCheckpoint"/>, to resume after the position it saved.
    /// </param>
    /// <param name="logger">Where loads, failures and faults are logged (ids, positions and error types only); none when null.</param>
    /// <param name="partition">
    /// The creators <paramref name="catalog"/> holds: <see cref="CatalogPartition.All"/> when null. A creator outside it is
    /// not loaded, and is removed when a change moves it out. A catalog that keeps what it holds between runs must be
    /// followed with the same partition each time.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/>, <paramref name="catalog"/> or <paramref name="timeProvider"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is out of range, or <paramref name="resumeAfter"/> is negative.</exception>
    public CatalogFollower(IMarketplaceStore store, ICreatorCatalog catalog, TimeProvider timeProvider, int pageSize = BulkRead.DefaultPageSize, long? resumeAfter = null, ILogger<CatalogFollower>? logger = null, CatalogPartition? partition = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(timeProvider);
        BulkRead.ThrowIfInvalidPageSize(pageSize);
        if (resumeAfter is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(resumeAfter), resumeAfter, "resumeAfter: a feed position is 0 or more.");
        }

        _store = store;
        _catalog = catalog;
        _checkpoint = catalog as ICatalogCheckpoint;
        _partition = partition ?? CatalogPartition.All;
        _time = timeProvider;
        _pageSize = pageSize;
        _resumeAfter = resumeAfter;
        _position = resumeAfter ?? 0;
        _head = _position;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The first wait before trying again after the store or the catalog failed: 1 second.</summary>
    public static TimeSpan FirstRetryDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before trying again: 1 minute.</summary>
    public static TimeSpan MaxRetryDelay { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a wait for the next change lasts before the follower reads the feed again anyway: 30 seconds, so
    /// that a missed wake-up costs at most this.
    /// </summary>
    public static TimeSpan MaxWait { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The creators the catalog holds: <see cref="CatalogPartition.All"/> unless the follower was given a partition.</summary>
    public CatalogPartition Partition => _partition;

    /// <summary>The feed position applied: every change up to it is in the catalog. A new run resumes after it.</summary>
    public long Position
    {
        get
        {
            lock (_gate)
            {
                return _position;
            }
        }
    }

    /// <summary>The state and lag now.</summary>
    public CatalogFollowerStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new CatalogFollowerStatus(_state, _position, _head, Now(), _newestAppliedAt, _caughtUpAt, _faults, _failures, _lastError);
            }
        }
    }

    /// <summary>The latest changes the catalog could not apply, oldest first: at most <see cref="MaxRecentFaults"/>.</summary>
    public IReadOnlyList<CatalogFault> RecentFaults
    {
        get
        {
            lock (_gate)
            {
                return [.. _recentFaults];
            }
        }
    }

    /// <summary>
    /// Loads the catalog, unless an earlier run did, then follows the store until cancelled, trying again after a
    /// back-off whenever the store or the catalog fails.
    /// </summary>
    /// <param name="cancellationToken">Stops the run, which then throws; a later run resumes from <see cref="Position"/>.</param>
    /// <returns>A task that ends only when cancelled.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">Another run of this follower has not ended.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("CatalogFollower: a run is under way already; one run at a time.");
        }

        Running.TryAdd(this, 0);
        try
        {
            while (true)
            {
                try
                {
                    if (!_loaded && !await ResumeAsync(cancellationToken).ConfigureAwait(false))
                    {
                        await LoadAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await FollowAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
                {
                    // The wait starts before the status tells of the failure, so that whoever reads the status
                    // (a test moving its clock) sees a retry already timed.
                    var delay = RetryDelay(Failures + 1);
                    var retry = Task.Delay(delay, _time, cancellationToken);
                    Log.Failed(_logger, OutboxDeadLetter.ErrorTypeOf(failure), delay);
                    Fail(failure);
                    await retry.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Update(() => _state = CatalogFollowerState.Stopped);
            Log.Stopped(_logger, Position);
            throw;
        }
        finally
        {
            Running.TryRemove(this, out _);
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// Waits until the follower has applied every change the store held when called (its head then), and is following.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes once caught up.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task WaitUntilCaughtUpAsync(CancellationToken cancellationToken = default)
    {
        var head = await _store.Changes.HeadAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_state == CatalogFollowerState.Following && _position >= head)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // A catalog given a position (resumeAfter), or that saved one, holds every change up to it: the follower goes on
    // from there, without a load.
    private async Task<bool> ResumeAsync(CancellationToken cancellationToken)
    {
        var checkpointed = _resumeAfter is null && _checkpoint is not null ? await _checkpoint.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false) : null;
        if ((_resumeAfter ?? checkpointed) is not { } saved)
        {
            return false;
        }

        // A position beyond the store's head was reached while following another store (or one since emptied): what
        // the catalog holds cannot be trusted, and following from it would skip every change up to it.
        var head = await _store.Changes.HeadAsync(cancellationToken).ConfigureAwait(false);
        if (saved > head)
        {
            throw new InvalidOperationException(_resumeAfter is null
                ? $"The catalog's checkpoint, position {saved}, is beyond the store's head, position {head}: it was saved while following another store. Empty the catalog and clear its checkpoint."
                : $"The position to resume after, {saved}, is beyond the store's head, position {head}: the catalog cannot hold this store's changes up to it. Empty the catalog and follow without resumeAfter, so that it is loaded.");
        }

        Update(() =>
        {
            _loaded = true;
            _position = saved;
            _checkpointed = checkpointed ?? _checkpointed;
            _head = Math.Max(_head, head);
        });
        if (checkpointed is not null)
        {
            Log.Resumed(_logger, saved);
        }

        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Update(() => _state = CatalogFollowerState.Loading);

        // The head first: every change after it is applied after the load, so a save during the read is not lost.
        var start = await _store.Changes.HeadAsync(cancellationToken).ConfigureAwait(false);
        Update(() => _head = Math.Max(_head, start));
        var listings = ReadableListingsAsync(start, cancellationToken);
        if (_catalog is ICatalogBulkLoad bulk)
        {
            await bulk.LoadAsync(listings, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await foreach (var listing in listings.ConfigureAwait(false))
            {
                await UpsertAsync(listing, start, cancellationToken).ConfigureAwait(false);
            }
        }

        // Saved before the follower counts as loaded, as after each page (see FollowAsync).
        await CheckpointAsync(start, cancellationToken).ConfigureAwait(false);
        Update(() =>
        {
            _loaded = true;
            _position = start;
            _head = Math.Max(_head, start);
            _state = CatalogFollowerState.Following;
            _failures = 0;
            _lastError = null;
        });
        Log.Loaded(_logger, start);
    }

    // Saves the position reached in a catalog that keeps one; a failure to save is the catalog's failure, retried.
    private async Task CheckpointAsync(long position, CancellationToken cancellationToken)
    {
        if (_checkpoint is null || position <= _checkpointed)
        {
            return;
        }

        await _checkpoint.SaveCheckpointAsync(position, cancellationToken).ConfigureAwait(false);
        _checkpointed = position;
    }

    // Every creator's listing, going on after one the store cannot read, which is reported at the load's position.
    private async IAsyncEnumerable<CreatorListing> ReadableListingsAsync(long position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CreatorId? after = null;
        while (true)
        {
            var listings = _store.Creators.ReadListingsAsync(after, _pageSize, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    CreatorListing listing;
                    try
                    {
                        if (!await listings.MoveNextAsync().ConfigureAwait(false))
                        {
                            yield break;
                        }

                        listing = listings.Current;
                    }
                    catch (UnreadableAggregateException unreadable)
                    {
                        Report(position, unreadable.Id, unreadable);
                        after = CreatorId.From(unreadable.Id);
                        break;
                    }

                    if (_partition.Holds(listing))
                    {
                        yield return listing;
                    }

                    after = listing.Id;
                }
            }
            finally
            {
                await listings.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var drained = false;
        while (true)
        {
            var position = Position;
            if (drained)
            {
                // The page before was short: it held every change there was. So the next step waits for a change
                // rather than reading an empty page first; the wait reads the head, so a change stored meanwhile ends
                // it at once. Under a steady stream of saves this spares a round trip per page.
                drained = false;
                await _store.Changes.WaitAsync(position, MaxWait, cancellationToken).ConfigureAwait(false);
            }

            var page = await _store.Changes.ReadAsync(position, _pageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                Update(() =>
                {
                    _head = Math.Max(_head, position);
                    _caughtUpAt = Now();
                    _state = CatalogFollowerState.Following;
                    _failures = 0;
                    _lastError = null;
                });
                await CheckpointAsync(position, cancellationToken).ConfigureAwait(false);
                await _store.Changes.WaitAsync(position, MaxWait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A full page may have more behind it: the head tells how far behind.
            var head = page.Count == _pageSize
                ? await _store.Changes.HeadAsync(cancellationToken).ConfigureAwait(false)
                : page[^1].Sequence;
            Update(() =>
            {
                _head = Math.Max(_head, head);
                _state = CatalogFollowerState.Following;
                _failures = 0;
                _lastError = null;
            });
            await ApplyAsync(page, cancellationToken).ConfigureAwait(false);

            // The checkpoint before the position: a follower seen caught up has saved it, so a process stopped then
            // resumes from there. A failed save leaves the position, and the page is applied again, harmlessly.
            await CheckpointAsync(page[^1].Sequence, cancellationToken).ConfigureAwait(false);
            Update(() =>
            {
                _position = page[^1].Sequence;
                _newestAppliedAt = page[^1].OccurredAt;

                // A page short of full held every change there was: none was left after it when it was read.
                if (page.Count < _pageSize)
                {
                    _caughtUpAt = Now();
                }
            });
            CoreTelemetry.FollowerApplied.Add(page.Count);
            drained = page.Count < _pageSize;
        }
    }

    // One read of the creators changed in the page and one upsert per creator, however many changes it has there:
    // the store holds its newest version, at least the version of its last change in the page (commit order sees to
    // that). The read is one round trip in a database; the catalog is changed one creator at a time, in the page's
    // order, as before.
    private async Task ApplyAsync(IReadOnlyList<OutboxMessage> page, CancellationToken cancellationToken)
    {
        var changed = new Dictionary<Guid, long>();
        foreach (var change in page)
        {
            if (change.Aggregate == CreatorAggregate && change.AggregateId != Guid.Empty)
            {
                changed[change.AggregateId] = change.Sequence;
            }
        }

        var read = await ReadAsync(changed.Keys, cancellationToken).ConfigureAwait(false);
        foreach (var (id, position) in changed)
        {
            await ApplyAsync(CreatorId.From(id), position, read.GetValueOrDefault(id), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync(CreatorId creator, long position, CreatorRead read, CancellationToken cancellationToken)
    {
        if (read.Unreadable is { } unreadable)
        {
            Report(position, creator.Value, unreadable);
            return;
        }

        // A creator no longer stored, or moved out of the partition, leaves the catalog.
        if (read.Stored?.Aggregate.ToListing() is not { } listing || !_partition.Holds(listing))
        {
            await _catalog.RemoveAsync(creator, cancellationToken).ConfigureAwait(false);
            return;
        }

        await UpsertAsync(listing, position, cancellationToken).ConfigureAwait(false);
    }

    // The creators stored under the ids, and those the store cannot read: the read stops at one, so it is read again
    // from the ids after it. Any other exception is the store's failure.
    private async Task<Dictionary<Guid, CreatorRead>> ReadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var read = new Dictionary<Guid, CreatorRead>(ids.Count);
        var left = ids.Select(CreatorId.From).Order().ToArray();
        while (left.Length > 0)
        {
            try
            {
                await foreach (var stored in _store.Creators.FindManyAsync(left, cancellationToken).ConfigureAwait(false))
                {
                    read[stored.Id.Value] = new CreatorRead(stored, null);
                }

                break;
            }
            catch (UnreadableAggregateException unreadable) when (Array.IndexOf(left, CreatorId.From(unreadable.Id)) is >= 0 and var at)
            {
                read[unreadable.Id] = new CreatorRead(null, unreadable);
                left = left[(at + 1)..];
            }
        }

        return read;
    }

    private async Task UpsertAsync(CreatorListing listing, long position, CancellationToken cancellationToken)
    {
        try
        {
            await _catalog.UpsertAsync(listing, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException refused)
        {
            Report(position, listing.Id.Value, refused);
        }
    }

    private void Report(long position, Guid creator, Exception reason)
    {
        Log.Fault(_logger, creator, position, OutboxDeadLetter.ErrorTypeOf(reason));
        Update(() => Fault(position, creator, reason));
    }

    private void Fault(long position, Guid creator, Exception reason)
    {
        _faults++;
        _recentFaults.Enqueue(new CatalogFault(position, creator, Now(), Describe(reason)));
        if (_recentFaults.Count > MaxRecentFaults)
        {
            _recentFaults.Dequeue();
        }
    }

    private int Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    private void Fail(Exception failure) => Update(() =>
    {
        _failures++;
        _state = CatalogFollowerState.Unavailable;
        _lastError = Describe(failure);
    });

    // Doubles from the first delay to the cap, then takes between half and all of it, so that many followers of a
    // store that comes back do not all try at once.
    private static TimeSpan RetryDelay(int failures)
    {
        var doubled = FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        var delay = doubled < MaxRetryDelay ? doubled : MaxRetryDelay;
        return delay * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    // The exception's type and message, cut short: never a stored document.
    private static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
    }

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }
    }

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    // Nothing while no follower runs, so that a gauge is not read as "caught up" when nothing follows.
    private static IEnumerable<Measurement<long>> LargestLag()
    {
        var running = Running.Keys;
        return running.Count == 0 ? [] : [new Measurement<long>(running.Max(follower => follower.Status.Behind))];
    }

    // Core's event ids 1001 to 1099 (docs/observability.md): positions, ids and error types, never a listing.
    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "Loaded the catalog from the store, up to position {Position}")]
        public static partial void Loaded(ILogger logger, long position);

        [LoggerMessage(1002, LogLevel.Information, "Resumed the catalog from its checkpoint, at position {Position}")]
        public static partial void Resumed(ILogger logger, long position);

        [LoggerMessage(1003, LogLevel.Warning, "The catalog follower failed ({ErrorType}); trying again in {Delay}")]
        public static partial void Failed(ILogger logger, string errorType, TimeSpan delay);

        [LoggerMessage(1004, LogLevel.Warning, "Could not apply creator {Creator} at position {Position} to the catalog ({ErrorType}); going on past it")]
        public static partial void Fault(ILogger logger, Guid creator, long position, string errorType);

        [LoggerMessage(1005, LogLevel.Information, "The catalog follower stopped at position {Position}")]
        public static partial void Stopped(ILogger logger, long position);
    }

    // A creator read for a change: the stored creator (null when no longer stored), or why the store cannot read it.
    private readonly record struct CreatorRead(StoredAggregate<Creator, CreatorId>? Stored, UnreadableAggregateException? Unreadable);
}
