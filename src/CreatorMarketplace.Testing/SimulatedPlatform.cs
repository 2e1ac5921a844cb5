using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Testing;

/// <summary>
/// A platform in memory that behaves like a real one, for building and testing connectors' consumers offline:
/// accounts with posts that keep appearing, numbers that grow as the clock advances, paging with cursors, a rate
/// budget, and faults injected on demand or by chance.
/// </summary>
/// <remarks>
/// <para>
/// Everything is decided by the seed and the clock: the same seed, the same accounts and the same clock readings
/// give the same answers, on every run and machine. The clock is read on every call, so a <c>FakeClock</c> moved
/// forward brings new posts and larger numbers: a post's views rise along a saturating curve, its likes, comments,
/// shares and other parts follow as fixed shares of its views (never more than the whole), and an account's
/// followers drift by its monthly growth.
/// </para>
/// <para>
/// A fault by chance falls on the n-th call of a kind for an account under a given seed, whatever other accounts
/// do, so concurrent runs that keep each account's calls in order repeat exactly. The platform is safe for
/// concurrent callers and never does I/O.
/// </para>
/// </remarks>
public sealed class SimulatedPlatform : IPlatformConnector
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private static readonly DateTimeZone Pacific = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private readonly object _lock = new();
    private readonly IClock _clock;
    private readonly ulong _seed;
    private readonly CreatorGenerator _generator;
    private readonly Dictionary<Handle, SimulatedAccount> _accounts = [];
    private readonly List<ConnectedAccount> _connected = [];
    private readonly Dictionary<(string Tag, int Call), ulong> _ordinals = [];
    private readonly Queue<Instant> _lastMinute = new();
    private readonly int[] _calls = new int[SimulatedCall.List.Max(call => call.Value) + 1];
    private Instant _quotaResetsAt = Instant.MinValue;
    private int _quotaUsed;
    private int _generated;

    /// <summary>Creates a platform with no accounts yet.</summary>
    /// <param name="platform">The platform it plays.</param>
    /// <param name="seed">The seed; the same seed gives the same posts, numbers and faults.</param>
    /// <param name="clock">The clock, read on every call.</param>
    /// <param name="options">How it behaves; the defaults unless given.</param>
    /// <exception cref="ArgumentException">An option is out of range, named in the message.</exception>
    public SimulatedPlatform(Platform platform, int seed, IClock clock, SimulatedPlatformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new SimulatedPlatformOptions();
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException("options: " + problem, nameof(options));
        }

        Platform = platform;
        Options = options;
        _clock = clock;
        _seed = SimulatedRandom.Mix(unchecked((ulong)seed), SimulatedRandom.Hash(platform.Name));
        _generator = new CreatorGenerator(seed, clock);
        Faults = new SimulatedFaults(_lock, this);
    }

    /// <inheritdoc />
    public Platform Platform { get; }

    /// <summary>The most posts <see cref="GetPostMetricsAsync"/> takes at once: 20, as TikTok's video query.</summary>
    public int MaxPostsPerMetricsCall => 20;

    /// <summary>How the platform behaves.</summary>
    public SimulatedPlatformOptions Options { get; }

    /// <summary>The faults: injections, expired tokens and the count of faults given.</summary>
    public SimulatedFaults Faults { get; }

    /// <summary>The accounts connected so far, in the order they were connected.</summary>
    public IReadOnlyList<ConnectedAccount> Accounts
    {
        get
        {
            lock (_lock)
            {
                return _connected.ToArray();
            }
        }
    }

    /// <summary>The calls made so far, every kind together; each page of a listing is a call.</summary>
    public int TotalCalls
    {
        get
        {
            lock (_lock)
            {
                return _calls.Sum();
            }
        }
    }

    /// <summary>
    /// Connects the creator's account on this platform, taking its numbers as the starting point: the followers,
    /// growth, median views, engagement and posting cadence as of the numbers' date, and the creator's audience
    /// when known. Connecting an account again renews its token and keeps what the platform knows of it.
    /// </summary>
    /// <param name="creator">The creator, with an account on this platform.</param>
    /// <returns>The connected account.</returns>
    /// <exception cref="ArgumentException">The creator has no account on this platform, or another creator connected it.</exception>
    public ConnectedAccount Connect(Creator creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        var account = creator.AccountOn(Platform)
            ?? throw new ArgumentException($"creator: the creator has no {Platform.Name} account to connect.", nameof(creator));
        lock (_lock)
        {
            if (_accounts.TryGetValue(account.Handle, out var known) && known.Account.Creator != creator.Id)
            {
                throw new ArgumentException($"creator: {account.Handle} is connected by another creator, {known.Account.Creator}.", nameof(creator));
            }

            return Register(creator.Id, creator.Profile, account.Handle, account.ExternalId, account.Stats, creator.Audience);
        }
    }

    /// <summary>
    /// Generates creators with <see cref="CreatorGenerator"/> (seeded with this platform's seed and clock) and
    /// connects an account of each on this platform: their TikTok account on TikTok, an account with the same
    /// numbers and a handle made from the same name elsewhere.
    /// </summary>
    /// <param name="count">How many, zero or more.</param>
    /// <returns>The connected accounts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IReadOnlyList<ConnectedAccount> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            var accounts = new ConnectedAccount[count];
            for (var i = 0; i < count; i++)
            {
                var creator = _generator.Next();
                var primary = creator.PrimaryAccount;
                var onTikTok = Platform == Platform.TikTok;
                var handle = onTikTok ? primary.Handle : HandleFor(primary.Handle.Value, _generated);
                _generated++;
                accounts[i] = _accounts.TryGetValue(handle, out var known)
                    ? known.Account
                    : Register(creator.Id, creator.Profile, handle, onTikTok ? primary.ExternalId : null, primary.Stats, creator.Audience);
            }

            return accounts;
        }
    }

    /// <summary>The creator authorised the application again: the account's expired token is replaced.</summary>
    /// <param name="account">A connected account.</param>
    /// <exception cref="ArgumentException">The account is not connected to this platform.</exception>
    public void Reconnect(ConnectedAccount account) => SetTokenExpired(account, expired: false);

    /// <summary>
    /// The platform takes a post down: listings and metrics leave it out, and <see cref="VerifyPostAsync"/> shows it
    /// not live.
    /// </summary>
    /// <param name="account">A connected account.</param>
    /// <param name="postId">One of its posts, live now.</param>
    /// <exception cref="ArgumentException">The account is not connected, or has no such post yet.</exception>
    public void TakeDown(ConnectedAccount account, string postId) => Remove(account, postId, SimulatedRemoval.TakenDown);

    /// <summary>
    /// The creator deletes a post: listings and metrics leave it out, and <see cref="VerifyPostAsync"/> gives
    /// <see cref="NotFound"/>.
    /// </summary>
    /// <param name="account">A connected account.</param>
    /// <param name="postId">One of its posts.</param>
    /// <exception cref="ArgumentException">The account is not connected, or has no such post yet.</exception>
    public void Delete(ConnectedAccount account, string postId) => Remove(account, postId, SimulatedRemoval.Deleted);

    /// <summary>How many calls of a kind were made; each page of a listing is a call, and refused calls count too.</summary>
    /// <param name="call">The kind of call.</param>
    /// <returns>The count.</returns>
    public int CallCount(SimulatedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_lock)
        {
            return _calls[call.Value];
        }
    }

    /// <inheritdoc />
    public ValueTask<ConnectorResult<PlatformProfile>> GetProfileAsync(ConnectedAccount account, CancellationToken cancellationToken)
    {
        CheckPlatform(account);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ConnectorResult<PlatformProfile>>(cancellationToken);
        }

        var call = Enter(SimulatedCall.Profile, account);
        return ValueTask.FromResult(call.Failure is { } failure ? Fail<PlatformProfile>(failure) : call.Account!.Profile(call.Now, call.Removals));
    }

    /// <inheritdoc />
    public ValueTask<ConnectorResult<Audience>> GetAudienceAsync(ConnectedAccount account, CancellationToken cancellationToken)
    {
        CheckPlatform(account);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ConnectorResult<Audience>>(cancellationToken);
        }

        var call = Enter(SimulatedCall.Audience, account);
        return ValueTask.FromResult(call.Failure is { } failure ? Fail<Audience>(failure) : call.Account!.Audience);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each page is a call, read at the clock's time then. A cursor resumes just after the last post of its page, so
    /// posts that appeared meanwhile are neither repeated nor skipped; they are at the top of the next fresh listing.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="cursor"/> was not given by this platform for this account.</exception>
    public IAsyncEnumerable<ConnectorResult<PostPage>> ListPostsAsync(ConnectedAccount account, string? cursor, CancellationToken cancellationToken)
    {
        CheckPlatform(account);
        var after = cursor is null ? (long?)null : ParseCursor(account, cursor);
        return ListPages(account, after, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="postIds"/> holds more than <see cref="MaxPostsPerMetricsCall"/> ids, or a blank one.</exception>
    public ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>> GetPostMetricsAsync(ConnectedAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        CheckPlatform(account);
        ArgumentNullException.ThrowIfNull(postIds);
        if (postIds.Count > MaxPostsPerMetricsCall)
        {
            throw new ArgumentException($"postIds: at most {MaxPostsPerMetricsCall} posts per call, got {postIds.Count}.", nameof(postIds));
        }

        if (postIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("postIds: every post id is a non-blank string.", nameof(postIds));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ConnectorResult<IReadOnlyList<PostMetrics>>>(cancellationToken);
        }

        var call = Enter(SimulatedCall.PostMetrics, account);
        if (call.Failure is { } failure)
        {
            return ValueTask.FromResult(Fail<IReadOnlyList<PostMetrics>>(failure));
        }

        var model = call.Account!;
        var snapshots = new List<PostMetrics>();
        foreach (var postId in postIds.Distinct(StringComparer.Ordinal))
        {
            if (model.SlotOf(postId, call.Now) is { } slot && model.Post(slot) is var post && SimulatedAccount.Visible(post, call.Now, call.Removals))
            {
                snapshots.Add(model.Metrics(post, call.Now));
            }
        }

        if (call.Corrupt && snapshots.Count > 0)
        {
            var index = (int)(SimulatedRandom.Mix(call.Draw, 3) % (ulong)snapshots.Count);
            snapshots[index] = Corrupt(snapshots[index], SimulatedRandom.Mix(call.Draw, 4));
        }

        return ValueTask.FromResult<ConnectorResult<IReadOnlyList<PostMetrics>>>(snapshots.ToArray());
    }

    /// <inheritdoc />
    /// <remarks>A post taken down is not live and shows no caption; a deleted post, or one not posted yet, is <see cref="NotFound"/>.</remarks>
    public ValueTask<ConnectorResult<PostCheck>> VerifyPostAsync(ConnectedAccount account, string postId, CancellationToken cancellationToken)
    {
        CheckPlatform(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(postId);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ConnectorResult<PostCheck>>(cancellationToken);
        }

        var call = Enter(SimulatedCall.VerifyPost, account);
        if (call.Failure is { } failure)
        {
            return ValueTask.FromResult(Fail<PostCheck>(failure));
        }

        var model = call.Account!;
        if (model.SlotOf(postId, call.Now) is not { } slot || (call.Removals.TryGetValue(slot, out var removal) && removal == SimulatedRemoval.Deleted))
        {
            return ValueTask.FromResult<ConnectorResult<PostCheck>>(new NotFound($"post {postId}"));
        }

        var post = model.Post(slot);
        var live = SimulatedAccount.Visible(post, call.Now, call.Removals);
        return ValueTask.FromResult<ConnectorResult<PostCheck>>(new PostCheck(postId, live, live ? post.Caption : null, live ? post.BrandedContentFlag : null, call.Now));
    }

    /// <summary>Sets or clears an account's expired token.</summary>
    internal void SetTokenExpired(ConnectedAccount account, bool expired)
    {
        CheckPlatform(account);
        lock (_lock)
        {
            Known(account).TokenExpired = expired;
        }
    }

    private async IAsyncEnumerable<ConnectorResult<PostPage>> ListPages(ConnectedAccount account, long? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var call = Enter(SimulatedCall.ListPosts, account);
            if (call.Failure is { } failure)
            {
                yield return Fail<PostPage>(failure);
                yield break;
            }

            var (page, last) = Page(call.Account!, call.Now, after, call.Removals);
            yield return page;
            if (!page.HasMore)
            {
                yield break;
            }

            after = last;
        }
    }

    private (PostPage Page, long Last) Page(SimulatedAccount model, Instant now, long? after, ImmutableDictionary<long, SimulatedRemoval> removals)
    {
        if (model.LatestSlot(now) is not { } latest)
        {
            return (new PostPage([], null), 0);
        }

        var start = after is { } last ? Math.Min(last - 1, latest) : latest;
        var posts = new List<SimulatedPost>(Options.PageSize);
        var more = false;
        foreach (var post in model.PostsDownFrom(start, now, removals))
        {
            if (posts.Count == Options.PageSize)
            {
                more = true;
                break;
            }

            posts.Add(post);
        }

        var listed = posts.Select(post => new PlatformPost(post.Id, post.PostedAt, post.Caption, UrlOf(model.Account.Handle, post.Id))).ToArray();
        return more ? (new PostPage(listed, Cursor(model.Tag, posts[^1].Slot)), posts[^1].Slot) : (new PostPage(listed, null), 0);
    }

    /// <summary>
    /// Admits a call: counts it, holds it to the rate budget, gives the fault it meets, and finds the account and
    /// its token. Everything that changes state happens here, under the lock.
    /// </summary>
    private Entry Enter(SimulatedCall call, ConnectedAccount account)
    {
        lock (_lock)
        {
            var now = _clock.GetCurrentInstant();
            _calls[call.Value]++;
            while (_lastMinute.Count > 0 && _lastMinute.Peek() <= now - Minute)
            {
                _lastMinute.Dequeue();
            }

            if (_lastMinute.Count >= Options.RequestsPerMinute)
            {
                Faults.CountGiven(SimulatedFault.RateLimited);
                return new Entry(now, null, new RateLimited(_lastMinute.Peek() + Minute - now), false, 0, ImmutableDictionary<long, SimulatedRemoval>.Empty);
            }

            if (Options.DailyQuota is { } quota)
            {
                if (now >= _quotaResetsAt)
                {
                    _quotaResetsAt = now.InZone(Pacific).Date.PlusDays(1).AtStartOfDayInZone(Pacific).ToInstant();
                    _quotaUsed = 0;
                }

                if (_quotaUsed >= quota)
                {
                    Faults.CountGiven(SimulatedFault.RateLimited);
                    return new Entry(now, null, new RateLimited(_quotaResetsAt - now), false, 0, ImmutableDictionary<long, SimulatedRemoval>.Empty);
                }

                _quotaUsed++;
            }

            _lastMinute.Enqueue(now);
            _accounts.TryGetValue(account.Handle, out var model);
            var tag = model?.Tag ?? SimulatedAccount.TagOf(account.Handle, _seed);
            var ordinal = _ordinals.GetValueOrDefault((tag, call.Value));
            _ordinals[(tag, call.Value)] = ordinal + 1;
            var draw = SimulatedRandom.Mix(SimulatedRandom.Mix(_seed, SimulatedRandom.Hash(tag)), ((ulong)call.Value << 56) ^ ordinal);
            var fault = Faults.TakeInjected(call) ?? ByChance(call, draw);
            if (fault is not null)
            {
                Faults.CountGiven(fault);
            }

            object? failure = fault?.Name switch
            {
                nameof(SimulatedFault.RateLimited) => new RateLimited(Duration.FromSeconds(1 + (long)(SimulatedRandom.Mix(draw, 2) % 60))),
                nameof(SimulatedFault.Timeout) => new PlatformError("timeout", "The platform did not answer within the time allowed.", Retryable: true),
                nameof(SimulatedFault.ServerError) => new PlatformError("internal_error", "The platform failed to process the request.", Retryable: true),
                nameof(SimulatedFault.MalformedData) => new MalformedData(MalformedReason(call)),
                nameof(SimulatedFault.TokenExpired) => Expire(model),
                _ => null,
            };
            if (failure is null && model is null)
            {
                failure = new NotFound($"account {account.Handle}");
            }
            else if (failure is null && model!.TokenExpired)
            {
                failure = Expire(model);
            }

            return new Entry(now, model, failure, fault == SimulatedFault.CorruptNumbers, draw, model?.Removals ?? ImmutableDictionary<long, SimulatedRemoval>.Empty);
        }
    }

    private SimulatedFault? ByChance(SimulatedCall call, ulong draw)
    {
        var chance = (draw >> 11) * (1.0 / (1UL << 53));
        foreach (var (fault, rate) in Options.FaultRates.All)
        {
            if (chance < rate)
            {
                // Corrupt numbers only exist in metrics; elsewhere their share of the draws passes without a fault.
                return fault != SimulatedFault.CorruptNumbers || call == SimulatedCall.PostMetrics ? fault : null;
            }

            chance -= rate;
        }

        return null;
    }

    private static Unauthorized Expire(SimulatedAccount? model)
    {
        if (model is not null)
        {
            model.TokenExpired = true;
        }

        return new Unauthorized("access_token_invalid: the access token has expired; the creator must reconnect the account.");
    }

    // Named by the fields of each platform's API (Instagram's Graph API, YouTube's Data API), TikTok's elsewhere.
    private string MalformedReason(SimulatedCall call) => (Platform.Name, call.Name) switch
    {
        (nameof(Platform.Instagram), nameof(SimulatedCall.Profile)) => "followers_count: expected a number, got \"n/a\".",
        (nameof(Platform.Instagram), nameof(SimulatedCall.Audience)) => "data[0].total_value.breakdowns[0].results: the shares add up to 1.37, not 1.",
        (nameof(Platform.Instagram), nameof(SimulatedCall.ListPosts)) => "data[3].timestamp: missing.",
        (nameof(Platform.Instagram), nameof(SimulatedCall.PostMetrics)) => "data[0].values[0].value: expected a number, got null.",
        (nameof(Platform.Instagram), _) => "id: missing.",
        (nameof(Platform.YouTube), nameof(SimulatedCall.Profile)) => "items[0].statistics.subscriberCount: expected a number, got \"n/a\".",
        (nameof(Platform.YouTube), nameof(SimulatedCall.Audience)) => "rows[0][2]: the shares add up to 1.37, not 1.",
        (nameof(Platform.YouTube), nameof(SimulatedCall.ListPosts)) => "items[3].contentDetails.videoPublishedAt: missing.",
        (nameof(Platform.YouTube), nameof(SimulatedCall.PostMetrics)) => "items[0].statistics.viewCount: expected a number, got null.",
        (nameof(Platform.YouTube), _) => "items[0].id: missing.",
        (_, nameof(SimulatedCall.Profile)) => "data.user.follower_count: expected a number, got \"n/a\".",
        (_, nameof(SimulatedCall.Audience)) => "data.audience.genders: the shares add up to 1.37, not 1.",
        (_, nameof(SimulatedCall.ListPosts)) => "data.videos[3].create_time: missing.",
        (_, nameof(SimulatedCall.PostMetrics)) => "data.videos[0].view_count: expected a number, got null.",
        _ => "data.videos[0].id: missing.",
    };

    // Likes above views in every corrupt snapshot, and one break that PostMetrics.Validate names.
    private static PostMetrics Corrupt(PostMetrics metrics, ulong draw)
    {
        var views = metrics.Views ?? 0;
        var broken = metrics with { Likes = views + 1 + (views / 10) };
        return (draw % 3) switch
        {
            0 => broken with { CompletedViews = views + 1 + (views / 20) },
            1 => broken with { Shares = -1 - (long)(draw % 1_000) },
            _ => broken with { CapturedAt = metrics.PostedAt - Duration.FromMinutes(5) },
        };
    }

    private static ConnectorResult<T> Fail<T>(object failure) => failure switch
    {
        NotFound notFound => notFound,
        Unauthorized unauthorized => unauthorized,
        RateLimited limited => limited,
        PlatformError error => error,
        MalformedData malformed => malformed,
        _ => throw new InvalidOperationException($"Not a connector failure: {failure}."),
    };

    private ConnectedAccount Register(CreatorId creator, CreatorProfile profile, Handle handle, string? externalId, AccountStats stats, Audience audience)
    {
        if (_accounts.TryGetValue(handle, out var known))
        {
            known.TokenExpired = false;
            return known.Account;
        }

        var connected = new ConnectedAccount(creator, handle, externalId ?? "sim-" + SimulatedAccount.TagOf(handle, _seed));
        _accounts[handle] = new SimulatedAccount(connected, _seed, profile, stats, audience, Options);
        _connected.Add(connected);
        return connected;
    }

    private void Remove(ConnectedAccount account, string postId, SimulatedRemoval removal)
    {
        CheckPlatform(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(postId);
        lock (_lock)
        {
            var model = Known(account);
            var slot = model.SlotOf(postId, _clock.GetCurrentInstant())
                ?? throw new ArgumentException($"postId: {account.Handle} has no post {postId} yet.", nameof(postId));
            // Deletion is final: a deleted post is not brought back as taken down.
            if (!model.Removals.TryGetValue(slot, out var before) || before != SimulatedRemoval.Deleted)
            {
                model.Removals = model.Removals.SetItem(slot, removal);
            }
        }
    }

    private SimulatedAccount Known(ConnectedAccount account) =>
        _accounts.GetValueOrDefault(account.Handle)
        ?? throw new ArgumentException($"account: {account.Handle} is not connected to this simulated {Platform.Name}.", nameof(account));

    private void CheckPlatform(ConnectedAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Handle.Platform != Platform)
        {
            throw new ArgumentException($"account: {account.Handle} is a {account.Handle.Platform?.Name ?? "platformless"} account, and this platform is {Platform.Name}.", nameof(account));
        }
    }

    private long ParseCursor(ConnectedAccount account, string cursor)
    {
        var tag = SimulatedAccount.TagOf(account.Handle, _seed);
        var buffer = new byte[cursor.Length];
        if (Convert.TryFromBase64String(cursor, buffer, out var length)
            && Encoding.UTF8.GetString(buffer, 0, length).Split(':') is [var cursorTag, var number]
            && cursorTag == tag
            && long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var slot)
            && slot > long.MinValue)
        {
            return slot;
        }

        throw new ArgumentException($"cursor: '{cursor}' is not a cursor this platform gave for {account.Handle}.", nameof(cursor));
    }

    private static string Cursor(string tag, long slot) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{tag}:{slot}")));

    private Uri? UrlOf(Handle handle, string postId) =>
        Platform.Name switch
        {
            nameof(Platform.TikTok) => new Uri($"https://www.tiktok.com/@{handle.Value}/video/{postId}"),
            nameof(Platform.Instagram) => new Uri($"https://www.instagram.com/p/{postId}/"),
            nameof(Platform.YouTube) => new Uri($"https://www.youtube.com/watch?v={postId}"),
            _ => null,
        };

    // Letters of the generated name and a running number: unique, and valid on every platform.
    private Handle HandleFor(string name, int number)
    {
        var digits = number.ToString(CultureInfo.InvariantCulture);
        var letters = new string(name.Where(char.IsAsciiLetter).Take(Platform.MaxHandleLength - digits.Length).ToArray());
        return new Handle(Platform, letters.PadRight(Math.Max(0, Platform.MinHandleLength - digits.Length), 'x') + digits);
    }

    /// <summary>An admitted call: the clock's reading, the account, and the failure it meets, if any.</summary>
    private readonly record struct Entry(Instant Now, SimulatedAccount? Account, object? Failure, bool Corrupt, ulong Draw, ImmutableDictionary<long, SimulatedRemoval> Removals);
}
