using System.Collections.Immutable;
using System.Globalization;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Testing;

/// <summary>How a simulated post was removed.</summary>
internal enum SimulatedRemoval
{
    /// <summary>Removed by the platform: still known, no longer live.</summary>
    TakenDown,

    /// <summary>Deleted: the platform no longer has it.</summary>
    Deleted,
}

/// <summary>
/// One simulated account: the parameters drawn once from its seed, and every post and number as a pure function of
/// a post's slot and the instant asked about. The mutable parts (the token and the removals) are guarded by the
/// platform's lock.
/// </summary>
internal sealed class SimulatedAccount
{
    private const long MaxViews = 100_000_000_000;          // a post's final views: 10^11 at most
    private const long MaxAgeMinutes = 10L * 366 * 24 * 60; // growth stops counting after ten years
    private const int MaxPostsPer30Days = 720;              // one an hour; keeps the number of slots finite
    private const double HiddenSubscriberShare = 0.1;       // YouTube channels that hide their subscriber count
    private static readonly long MonthTicks = Duration.FromDays(30).BclCompatibleTicks;
    private static readonly string[] Phrases = ["A day in my life", "Trying this for the first time", "Quick tips", "Honest review", "Behind the scenes", "You asked for it", "Part 2", "Weekend reset"];
    private static readonly Country[] OtherMarkets = [Country.US, Country.GB, Country.BR, Country.DE, Country.MX, Country.ID, Country.FR, Country.JP];

    private readonly long _anchorTicks;
    private readonly long _intervalTicks;
    private readonly double _monthlyGrowth;
    private readonly long _medianViews;
    private readonly double _engagementRate;
    private readonly string[] _labels;
    private readonly IReadOnlyList<string> _disclosureTags;
    private readonly double _sponsoredShare;
    private readonly double _takenDownShare;
    private readonly double _storyShare;

    public SimulatedAccount(ConnectedAccount account, ulong platformSeed, CreatorProfile profile, AccountStats stats, Audience audience, SimulatedPlatformOptions options)
    {
        Account = account;
        Seed = SeedOf(account.Handle, platformSeed);
        Tag = TagOf(account.Handle, platformSeed);
        DisplayName = profile.DisplayName;
        Bio = string.IsNullOrEmpty(profile.Bio) ? null : profile.Bio;
        Anchor = stats.AsOf;
        _anchorTicks = stats.AsOf.ToUnixTimeTicks();
        Followers0 = stats.Followers;
        _monthlyGrowth = Math.Clamp(1 + (stats.FollowerGrowthRate ?? 0.02), 0.5, 1.5);
        _medianViews = Math.Min(MaxViews, stats.MedianViews ?? stats.AverageViews ?? (stats.Followers / 5));
        _engagementRate = Math.Clamp(stats.EngagementRate ?? 0.05, 0, 0.5);
        var postsPer30Days = Math.Clamp(stats.PostsLast30Days ?? 8, 0, MaxPostsPer30Days);
        _intervalTicks = postsPer30Days == 0 ? 0 : MonthTicks / postsPer30Days;
        // Slots before the anchor reach back over the history; slot -1 ends at the anchor.
        FirstSlot = _intervalTicks == 0 ? 0 : -CeilingDivide(options.History.BclCompatibleTicks, _intervalTicks);
        _labels = profile.ContentLabels.Count == 0 ? ["lifestyle"] : profile.ContentLabels.Select(label => label.Id).ToArray();
        _disclosureTags = DisclosureRules.Default.For(profile.HomeCountry).Hashtags;
        _sponsoredShare = options.SponsoredShare;
        _takenDownShare = options.TakenDownShare;
        _storyShare = account.Platform == Platform.Instagram ? options.StoryShare : 0;
        // Drawn apart from the stream below, so that the accounts' other traits stay as they were.
        HidesFollowers = account.Platform == Platform.YouTube && new SimulatedRandom(SimulatedRandom.Mix(Seed, 0x41DE)).NextDouble() < HiddenSubscriberShare;

        var random = new SimulatedRandom(SimulatedRandom.Mix(Seed, 0xACC0));
        Following = 20 + random.Next(2_000);
        Verified = stats.Followers >= 1_000_000 || random.NextDouble() < 0.02;
        Audience = HasAnyBreakdown(audience) ? audience : AudienceFor(profile, random);
    }

    public ConnectedAccount Account { get; }

    public ulong Seed { get; }

    /// <summary>Names the account inside post ids and cursors, so that another account's are told apart.</summary>
    public string Tag { get; }

    public string DisplayName { get; }

    public string? Bio { get; }

    public Instant Anchor { get; }

    public long Followers0 { get; }

    public long Following { get; }

    public bool Verified { get; }

    public Audience Audience { get; }

    /// <summary>A YouTube channel that hides its subscriber count: its profile has no stats, and snapshots leave the followers at capture unreported.</summary>
    public bool HidesFollowers { get; }

    /// <summary>The oldest slot that holds a post.</summary>
    public long FirstSlot { get; }

    // Guarded by the platform's lock.
    public bool TokenExpired { get; set; }

    // Replaced, never changed in place, so that a call can read it outside the lock.
    public ImmutableDictionary<long, SimulatedRemoval> Removals { get; set; } = ImmutableDictionary<long, SimulatedRemoval>.Empty;

    /// <summary>The account's own seed: from the platform's seed and the handle alone, so the order accounts are connected in changes nothing.</summary>
    public static ulong SeedOf(Handle handle, ulong platformSeed) =>
        SimulatedRandom.Mix(platformSeed, SimulatedRandom.Hash(handle.Platform.Name + ":" + handle.Value.ToUpperInvariant()));

    public static string TagOf(Handle handle, ulong platformSeed) => (SeedOf(handle, platformSeed) >> 32).ToString("x8", CultureInfo.InvariantCulture);

    public string PostId(long slot) => string.Create(CultureInfo.InvariantCulture, $"{Tag}-{slot - FirstSlot}");

    /// <summary>The slot of a post id of this account that went live by <paramref name="now"/>, or null when there is no such post.</summary>
    public long? SlotOf(string postId, Instant now)
    {
        var dash = postId.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && postId.AsSpan(0, dash).SequenceEqual(Tag)
            && long.TryParse(postId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && LatestSlot(now) is { } latest
            && index <= latest - FirstSlot
            ? index + FirstSlot
            : null;
    }

    /// <summary>The newest slot whose post went live at or before <paramref name="now"/>, or null when none has.</summary>
    public long? LatestSlot(Instant now)
    {
        if (_intervalTicks == 0)
        {
            return null;
        }

        var slot = FloorDivide(now.ToUnixTimeTicks() - _anchorTicks, _intervalTicks);
        if (PostedAt(slot) > now)
        {
            slot--;
        }

        return slot >= FirstSlot ? slot : null;
    }

    public Instant PostedAt(long slot)
    {
        var random = PostRandom(slot);
        return PostedAt(slot, ref random);
    }

    public long FollowersAt(Instant at)
    {
        var months = Math.Clamp((at - Anchor).TotalDays, -365, 365) / 30;
        var followers = SimulatedRandom.ToCount(Followers0 * Math.Pow(_monthlyGrowth, months));
        return Account.Platform == Platform.YouTube ? ThreeSignificantFigures(followers) : followers;
    }

    /// <summary>YouTube shows subscriber counts rounded down to three significant figures; rounding down keeps a growing count from falling.</summary>
    public static long ThreeSignificantFigures(long count)
    {
        var unit = 1L;
        while (count / unit >= 1_000)
        {
            unit *= 10;
        }

        return count / unit * unit;
    }

    /// <summary>A post's fixed traits, drawn from its slot.</summary>
    public SimulatedPost Post(long slot)
    {
        var random = PostRandom(slot);
        var postedAt = PostedAt(slot, ref random);
        var platform = Account.Platform;
        var kind = platform == Platform.TikTok || platform == Platform.YouTube || platform == Platform.Twitch || random.NextDouble() < 0.7 ? PostKind.Video : PostKind.Static;
        // Log-normal around the account's median, with the odd post that takes off.
        var finalViews = SimulatedRandom.ToCount(Math.Min(MaxViews, _medianViews * Math.Exp(random.Normal(0, 0.8)) * (random.NextDouble() < 0.02 ? 10 : 1)));
        var riseMinutes = 6 * 60 + random.Next(66 * 60);
        var likes = Ppm(_engagementRate * 0.85 * Math.Exp(random.Normal(0, 0.3)));
        var comments = Ppm(_engagementRate * 0.08 * Math.Exp(random.Normal(0, 0.4)));
        var shares = Ppm(_engagementRate * 0.07 * Math.Exp(random.Normal(0, 0.5)));
        var saves = Ppm(_engagementRate * 0.1 * Math.Exp(random.Normal(0, 0.5)));
        var reach = Ppm(0.7 + (random.NextDouble() * 0.25));
        var twoSeconds = Ppm(0.6 + (random.NextDouble() * 0.3));
        var sixSeconds = Ppm(0.4 + (random.NextDouble() * 0.4));
        var completed = Ppm(0.15 + (random.NextDouble() * 0.5));
        var viewSeconds = 3 + (random.NextDouble() * 27);
        int[]? sources = null;
        if (platform == Platform.TikTok)
        {
            var weights = new[] { 6 + (random.NextDouble() * 3), random.NextDouble(), random.NextDouble(), random.NextDouble() * 0.5, random.NextDouble() * 0.3, random.NextDouble() * 0.2 };
            var total = weights.Sum();
            sources = weights.Select(weight => Ppm(weight / total)).ToArray();
        }

        var sponsored = random.NextDouble() < _sponsoredShare;
        var disclosed = sponsored && random.NextDouble() < 0.8;
        var flag = sponsored && random.NextDouble() < 0.7;
        var label = _labels[random.Next(_labels.Length)];
        var caption = $"{Phrases[random.Next(Phrases.Length)]} #{label} #fyp";
        if (disclosed)
        {
            caption += " #" + _disclosureTags[random.Next(_disclosureTags.Count)];
        }

        // Stories (Instagram's, when the options ask for them) from a draw of their own, so the other posts stay as
        // they were: seen within a day, by fewer, with no likes or saves reported.
        if (_storyShare > 0 && new SimulatedRandom(SimulatedRandom.Mix(Seed, unchecked((ulong)slot) ^ 0x5707_0000_0000_0000)).NextDouble() < _storyShare)
        {
            kind = PostKind.Story;
            finalViews = SimulatedRandom.ToCount(finalViews * 0.4);
            riseMinutes = 30 + (riseMinutes % 150);
        }

        var reportsFlag = platform == Platform.TikTok || platform == Platform.Instagram || platform == Platform.YouTube || platform == Platform.Facebook;
        Instant? takenDownAt = random.NextDouble() < _takenDownShare ? postedAt + Duration.FromHours(1 + random.Next(7 * 24)) : null;
        return new SimulatedPost(
            slot, PostId(slot), postedAt, kind, caption, sponsored, reportsFlag ? flag : null, takenDownAt,
            finalViews, riseMinutes, likes, comments, shares, saves, reach, twoSeconds, sixSeconds, completed, Duration.FromMilliseconds((long)(viewSeconds * 1000)), sources);
    }

    /// <summary>Whether the post can be seen at <paramref name="now"/>: removed neither by hand nor by the takedown share.</summary>
    public static bool Visible(SimulatedPost post, Instant now, ImmutableDictionary<long, SimulatedRemoval> removals) =>
        !removals.ContainsKey(post.Slot) && !(post.TakenDownAt <= now);

    /// <summary>The visible posts at <paramref name="now"/> from slot <paramref name="from"/> down, newest first.</summary>
    public IEnumerable<SimulatedPost> PostsDownFrom(long from, Instant now, ImmutableDictionary<long, SimulatedRemoval> removals)
    {
        for (var slot = from; slot >= FirstSlot; slot--)
        {
            var post = Post(slot);
            if (Visible(post, now, removals))
            {
                yield return post;
            }
        }
    }

    public PostMetrics Metrics(SimulatedPost post, Instant now)
    {
        var minutes = (long)Math.Clamp(Math.Floor((now - post.PostedAt).TotalMinutes), 0, MaxAgeMinutes);
        // Saturating and exact in whole numbers, so a later reading is never smaller: at most 10^11 × 5.3·10^6 < 2^63.
        var views = post.FinalViews * minutes / (minutes + post.RiseMinutes);
        var video = post.Kind == PostKind.Video;
        var story = post.Kind == PostKind.Story;
        var twoSeconds = Part(views, post.TwoSecondsPpm);
        var sixSeconds = Part(twoSeconds, post.SixSecondsPpm);
        return new PostMetrics
        {
            PostId = post.Id,
            Platform = Account.Platform,
            Kind = post.Kind,
            PostedAt = post.PostedAt,
            CapturedAt = now,
            Followers = HidesFollowers ? null : FollowersAt(now),
            Views = views,
            Likes = story ? null : Part(views, post.LikesPpm),
            Comments = Part(views, post.CommentsPpm),
            Shares = Part(views, post.SharesPpm),
            Saves = story ? null : Part(views, post.SavesPpm),
            Reach = Part(views, post.ReachPpm),
            TwoSecondViews = video ? twoSeconds : null,
            SixSecondViews = video ? sixSeconds : null,
            CompletedViews = video ? Part(sixSeconds, post.CompletedPpm) : null,
            AverageViewTime = video ? post.AverageViewTime : null,
            ViewsBySource = post.SourcesPpm is { } sources
                ? new Dictionary<TrafficSource, long>
                {
                    [TrafficSource.ForYou] = Part(views, sources[0]),
                    [TrafficSource.Profile] = Part(views, sources[1]),
                    [TrafficSource.Following] = Part(views, sources[2]),
                    [TrafficSource.Search] = Part(views, sources[3]),
                    [TrafficSource.Sound] = Part(views, sources[4]),
                    [TrafficSource.Other] = Part(views, sources[5]),
                }
                : null,
            OrganicViews = views,
            PaidViews = 0,
        };
    }

    public PlatformProfile Profile(Instant now, ImmutableDictionary<long, SimulatedRemoval> removals)
    {
        var followers = FollowersAt(now);
        var monthAgo = now - Duration.FromDays(30);
        long likes = 0, posts = 0, recentViews = 0, recentEngagements = 0;
        var recent = new List<long>();
        if (LatestSlot(now) is { } latest)
        {
            foreach (var post in PostsDownFrom(latest, now, removals))
            {
                var metrics = Metrics(post, now);
                likes += metrics.Likes ?? 0;
                posts++;
                if (post.PostedAt > monthAgo)
                {
                    recent.Add(metrics.Views ?? 0);
                    recentViews += metrics.Views ?? 0;
                    recentEngagements += metrics.Engagements ?? 0;
                }
            }
        }

        recent.Sort();
        var before = FollowersAt(monthAgo);
        var stats = AccountStats.Create(
            now,
            followers,
            averageViews: recent.Count == 0 ? null : recentViews / recent.Count,
            medianViews: recent.Count == 0 ? null : recent[recent.Count / 2],
            engagementRate: recentViews == 0 ? null : Math.Round((double)recentEngagements / recentViews, 4),
            followerGrowthRate: before == 0 ? null : Math.Round(((double)followers / before) - 1, 4),
            postsLast30Days: recent.Count,
            viewsLast30Days: recentViews);
        // A channel that hides its count reports no numbers at all, as YouTube's connector does: a hidden count is not zero.
        return new PlatformProfile(DisplayName, Bio, HidesFollowers ? null : stats, Following, likes, posts, Verified);
    }

    // Slot k's post goes live within [anchor + k·interval, anchor + (k+1)·interval): posts keep their order.
    private Instant PostedAt(long slot, ref SimulatedRandom random) =>
        Instant.FromUnixTimeTicks(_anchorTicks + (slot * _intervalTicks) + Math.Min(_intervalTicks - 1, (long)(random.NextDouble() * _intervalTicks)));

    private SimulatedRandom PostRandom(long slot) => new(SimulatedRandom.Mix(Seed, unchecked((ulong)slot)));

    private static long Part(long whole, int ppm) => whole * ppm / 1_000_000;

    private static int Ppm(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * 1_000_000);

    private static bool HasAnyBreakdown(Audience audience) =>
        audience.Gender is not null || audience.Age is not null || audience.Countries is not null || audience.Devices is not null || audience.Languages is not null;

    private static Audience AudienceFor(CreatorProfile profile, SimulatedRandom random)
    {
        IReadOnlyList<Language> languages = profile.Languages.Count == 0 ? [Language.English] : profile.Languages.Distinct().ToArray();
        return GeneratedAudience.Around(profile.HomeCountry, () => OtherMarkets[random.Next(OtherMarkets.Length)], () => random.NextDouble(), (mean, deviation) => random.Normal(mean, deviation)) with
        {
            Languages = Distribution.Normalize(languages.Select((language, i) => KeyValuePair.Create(language, i == 0 ? 0.8 : 0.2 / (languages.Count - 1)))),
        };
    }

    private static long FloorDivide(long dividend, long divisor)
    {
        var quotient = Math.DivRem(dividend, divisor, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private static long CeilingDivide(long dividend, long divisor) => (dividend + divisor - 1) / divisor;
}

/// <summary>A simulated post's fixed traits; its numbers at an instant come from <see cref="SimulatedAccount.Metrics"/>.</summary>
internal sealed record SimulatedPost(
    long Slot,
    string Id,
    Instant PostedAt,
    PostKind Kind,
    string Caption,
    bool Sponsored,
    bool? BrandedContentFlag,
    Instant? TakenDownAt,
    long FinalViews,
    long RiseMinutes,
    int LikesPpm,
    int CommentsPpm,
    int SharesPpm,
    int SavesPpm,
    int ReachPpm,
    int TwoSecondsPpm,
    int SixSecondsPpm,
    int CompletedPpm,
    Duration AverageViewTime,
    int[]? SourcesPpm);

/// <summary>
/// SplitMix64: a small random stream that gives the same draws on every runtime and machine, and can be started at
/// any post's slot without drawing the ones before.
/// </summary>
internal struct SimulatedRandom(ulong state)
{
    private ulong _state = state;

    public static ulong Mix(ulong a, ulong b)
    {
        var random = new SimulatedRandom(a ^ unchecked(b * 0x9E3779B97F4A7C15));
        return random.NextUInt64();
    }

    /// <summary>FNV-1a: a string's hash that, unlike <see cref="string.GetHashCode()"/>, is the same in every process.</summary>
    public static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }

    /// <summary>A count from a computed number: zero for nothing or NaN, and at most 10^15.</summary>
    public static long ToCount(double value) => double.IsNaN(value) || value <= 0 ? 0 : value >= 1e15 ? 1_000_000_000_000_000 : (long)Math.Floor(value);

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A number in [0, <paramref name="maxExclusive"/>), for a positive bound.</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public double Normal(double mean, double standardDeviation)
    {
        // Box–Muller.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return mean + (standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
