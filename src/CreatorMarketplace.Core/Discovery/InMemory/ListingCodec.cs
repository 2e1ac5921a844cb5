using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Ardalis.SmartEnum;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// A listing in the compact form the in-memory catalog keeps instead of the listing itself: whole numbers as varints,
/// text as UTF-8, smart enums with whole-number values as their values, every other repeated value (languages,
/// labels, time zones, calendars, violation codes) as its number in the catalog's <see cref="InternedValues"/>, and
/// fractions and rates as the 8 bytes of their double, so that a
/// decoded listing equals the encoded one in every member. The id and version are not in it: the catalog keeps them
/// in columns, for its id table and its version check, and gives them back to <see cref="Decode"/>.
/// </summary>
/// <remarks>
/// Times are written relative to the listing's <see cref="CreatorListing.RegisteredAt"/>, which the account numbers'
/// date and the violations are usually near. Optional members are marked by a byte of flags before them.
/// </remarks>
internal static class ListingCodec
{
    [ThreadStatic]
    private static ListingBytes? t_scratch;

    /// <summary>This thread's buffer for encoding one listing at a time, as an upsert does.</summary>
    public static ListingBytes Scratch => t_scratch ??= new ListingBytes();

    /// <summary>
    /// Appends a row as a chunk keeps it to <paramref name="output"/>: the listing's folded text
    /// (<see cref="FoldedText.Write"/>), then the listing encoded.
    /// </summary>
    public static void EncodeRow(CreatorListing listing, InternedValues interned, ListingBytes output)
    {
        FoldedText.Write(listing, output);
        Encode(listing, interned, output);
    }

    /// <summary>
    /// Asks for the cache lines of the objects <see cref="EncodeRow"/> reads, a level of references at a time, so that
    /// the reads of a listing not in the cache (one of many held, as a catalog following a store may be given) wait
    /// for memory together rather than one after another as the encoding reaches them. Only a hint (<see cref="CacheLines"/>).
    /// </summary>
    public static void Prefetch(CreatorListing listing)
    {
        var (profile, accounts, audience, rateCard) = (listing.Profile, listing.Accounts, listing.Audience, listing.RateCard);
        CacheLines.Prefetch(profile, accounts, audience);
        CacheLines.Prefetch(rateCard, listing.Badges, listing.ComplianceHistory);

        // One level down: each read below waits at most for a line asked for above.
        CacheLines.Prefetch(profile.Languages, profile.ContentLabels, profile.IndustryLabels);
        CacheLines.Prefetch(audience.Gender, audience.Age, audience.Countries);
        CacheLines.Prefetch(audience.Devices, audience.Languages, rateCard?.Prices);

        CacheLines.Prefetch(profile.DisplayName);
        CacheLines.Prefetch(profile.Bio);
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            CacheLines.Prefetch(account);
            CacheLines.Prefetch(account.Handle.Value);
            CacheLines.Prefetch(account.Stats);
        }

        PrefetchBuckets(audience.Gender);
        PrefetchBuckets(audience.Age);
        PrefetchBuckets(audience.Countries);
        PrefetchBuckets(audience.Devices);
        PrefetchBuckets(audience.Languages);
    }

    private static void PrefetchBuckets<TKey>(Distribution<TKey>? distribution)
        where TKey : notnull
    {
        if (distribution is not null)
        {
            CacheLines.Prefetch(distribution.Buckets);
        }
    }

    /// <summary>The listing of a row <see cref="EncodeRow"/> wrote, with its id and version.</summary>
    public static CreatorListing DecodeRow(ReadOnlySpan<byte> row, CreatorId id, long version, InternedValues interned)
    {
        _ = FoldedText.Read(row, out var folded);
        return Decode(row[folded..], id, version, interned);
    }

    /// <summary>Appends the encoded form of a listing to <paramref name="output"/>.</summary>
    public static void Encode(CreatorListing listing, InternedValues interned, ListingBytes output)
    {
        var writer = new Writer(output, interned);
        var registeredAt = listing.RegisteredAt;
        writer.Instant(registeredAt);

        var profile = listing.Profile;
        writer.Text(profile.DisplayName);
        writer.Text(profile.Bio);
        writer.Enum(profile.HomeCountry);
        writer.Value(profile.HomeSubdivision?.Code);
        writer.Value(profile.TimeZone);
        writer.Values(profile.Languages);
        // Lists by index and dictionaries by their own enumerators: a loop over an interface allocates an enumerator.
        writer.Count(profile.ContentLabels.Count);
        for (var i = 0; i < profile.ContentLabels.Count; i++)
        {
            writer.Value(profile.ContentLabels[i].Id);
        }

        writer.Count(profile.IndustryLabels.Count);
        for (var i = 0; i < profile.IndustryLabels.Count; i++)
        {
            writer.Value(profile.IndustryLabels[i].Id);
        }

        writer.Enum(profile.AgeBand);
        if (profile.BirthDate is { } birthDate)
        {
            writer.Value(birthDate.Calendar);
            writer.Signed(birthDate.Year);
            writer.Count(birthDate.Month);
            writer.Count(birthDate.Day);
        }
        else
        {
            writer.Value(null);
        }

        writer.Count(listing.Accounts.Count);
        for (var i = 0; i < listing.Accounts.Count; i++)
        {
            var account = listing.Accounts[i];
            writer.Enum(account.Platform);
            writer.Text(account.Handle.Value);
            writer.Enum(account.Type);
            writer.OptionalText(account.ExternalId);
            var stats = account.Stats;
            writer.Since(registeredAt, stats.AsOf);
            writer.Count(stats.Followers);
            writer.Flags(stats.AverageViews.HasValue, stats.MedianViews.HasValue, stats.EngagementRate.HasValue, stats.FollowerGrowthRate.HasValue, stats.PostsLast30Days.HasValue, stats.ViewsLast30Days.HasValue);
            writer.Count(stats.AverageViews);
            writer.Count(stats.MedianViews);
            writer.Double(stats.EngagementRate);
            writer.Double(stats.FollowerGrowthRate);
            writer.Count(stats.PostsLast30Days);
            writer.Count(stats.ViewsLast30Days);
        }

        var audience = listing.Audience;
        writer.Flags(audience.Gender is not null, audience.Age is not null, audience.Countries is not null, audience.Devices is not null, audience.Languages is not null, audience.Credibility.HasValue);
        writer.Distribution(audience.Gender);
        writer.Distribution(audience.Age);
        writer.Distribution(audience.Countries);
        writer.Distribution(audience.Devices);
        writer.InternedDistribution(audience.Languages);
        writer.Double(audience.Credibility?.Fraction);

        writer.Enum(listing.RateCard?.Currency);
        if (listing.RateCard is { } rateCard)
        {
            writer.Flags(rateCard.Negotiable);
            writer.Count(rateCard.Prices.Count);
            for (var prices = rateCard.GetPriceEnumerator(); prices.MoveNext();)
            {
                writer.Enum(prices.Current.Key);
                writer.Signed(prices.Current.Value.MinorUnits);
            }
        }

        writer.Count(listing.Badges.Count);
        for (var i = 0; i < listing.Badges.Count; i++)
        {
            writer.Enum(listing.Badges[i]);
        }

        writer.Flags(listing.OnVacation);
        writer.Count(listing.PastCampaignCount);
        writer.Count(listing.ComplianceHistory.Count);
        for (var i = 0; i < listing.ComplianceHistory.Count; i++)
        {
            var violation = listing.ComplianceHistory[i];
            writer.Since(registeredAt, violation.OccurredAt);
            writer.Value(violation.Code);
            writer.Text(violation.Description);
        }

        writer.Finish();
    }

    /// <summary>The listing <see cref="Encode"/> wrote into <paramref name="encoded"/>, with its id and version.</summary>
    public static CreatorListing Decode(ReadOnlySpan<byte> encoded, CreatorId id, long version, InternedValues interned)
    {
        var reader = new Reader(encoded, interned);
        var registeredAt = reader.Instant();
        var displayName = reader.Text();
        var bio = reader.Text();
        var country = reader.Enum<Country>()!;
        var subdivision = reader.Value<string>() is { } code ? Subdivision.Parse(code) : (Subdivision?)null;
        var timeZone = reader.Value<DateTimeZone>()!;
        var languages = reader.Values<Language>();
        var contentLabels = new ContentLabel[reader.Count()];
        for (var i = 0; i < contentLabels.Length; i++)
        {
            contentLabels[i] = new ContentLabel(reader.Value<string>()!);
        }

        var industryLabels = new IndustryLabel[reader.Count()];
        for (var i = 0; i < industryLabels.Length; i++)
        {
            industryLabels[i] = new IndustryLabel(reader.Value<string>()!);
        }

        var ageBand = reader.Enum<AgeBucket>();
        LocalDate? birthDate = reader.Value<CalendarSystem>() is { } calendar
            ? new LocalDate((int)reader.Signed(), (int)reader.Count(), (int)reader.Count(), calendar)
            : null;
        var profile = new CreatorProfile
        {
            DisplayName = displayName,
            Bio = bio,
            HomeCountry = country,
            HomeSubdivision = subdivision,
            TimeZone = timeZone,
            Languages = languages,
            ContentLabels = contentLabels,
            IndustryLabels = industryLabels,
            BirthDate = birthDate,
            AgeBand = ageBand,
        };

        var accounts = new PlatformAccount[reader.Count()];
        for (var i = 0; i < accounts.Length; i++)
        {
            var platform = reader.Enum<Platform>()!;
            var handle = new Handle(platform, reader.Text());
            var type = reader.Enum<AccountType>()!;
            var externalId = reader.OptionalText();
            var asOf = reader.Since(registeredAt);
            var followers = reader.Count();
            var flags = reader.Flags();
            var stats = AccountStats.Create(
                asOf,
                followers,
                averageViews: Has(flags, 0) ? reader.Count() : null,
                medianViews: Has(flags, 1) ? reader.Count() : null,
                engagementRate: Has(flags, 2) ? reader.Double() : null,
                followerGrowthRate: Has(flags, 3) ? reader.Double() : null,
                postsLast30Days: Has(flags, 4) ? (int)reader.Count() : null,
                viewsLast30Days: Has(flags, 5) ? reader.Count() : null);
            accounts[i] = new PlatformAccount(handle, type, stats, externalId);
        }

        var parts = reader.Flags();
        var audience = parts == 0 ? Audience.Unknown : new Audience
        {
            Gender = Has(parts, 0) ? reader.Distribution(static (ref Reader reader) => reader.Enum<AudienceGender>()!) : null,
            Age = Has(parts, 1) ? reader.Distribution(static (ref Reader reader) => reader.Enum<AgeBucket>()!) : null,
            Countries = Has(parts, 2) ? reader.Distribution(static (ref Reader reader) => reader.Enum<Country>()!) : null,
            Devices = Has(parts, 3) ? reader.Distribution(static (ref Reader reader) => reader.Enum<AudienceDevice>()!) : null,
            Languages = Has(parts, 4) ? reader.Distribution(static (ref Reader reader) => reader.Value<Language>()!) : null,
            Credibility = Has(parts, 5) ? Share.FromFraction(reader.Double()) : null,
        };

        RateCard? rateCard = null;
        if (reader.Enum<Currency>() is { } currency)
        {
            var negotiable = reader.Flags() != 0;
            var count = (int)reader.Count();
            var prices = new Dictionary<DeliverableType, Money>(count);
            for (var i = 0; i < count; i++)
            {
                prices.Add(reader.Enum<DeliverableType>()!, Money.FromMinorUnits(reader.Signed(), currency));
            }

            // Checked when the card was encoded.
            rateCard = new RateCard(currency, prices, negotiable);
        }

        var badges = new Badge[reader.Count()];
        for (var i = 0; i < badges.Length; i++)
        {
            badges[i] = reader.Enum<Badge>()!;
        }

        var onVacation = reader.Flags() != 0;
        var pastCampaigns = (int)reader.Count();
        var violations = new ComplianceViolation[reader.Count()];
        for (var i = 0; i < violations.Length; i++)
        {
            violations[i] = new ComplianceViolation(reader.Since(registeredAt), reader.Value<string>()!, reader.Text());
        }

        return new CreatorListing(id, version, registeredAt, profile, accounts, audience, rateCard, badges, onVacation, pastCampaigns, violations);
    }

    /// <summary>The most bytes <see cref="WriteVarint"/> writes.</summary>
    public const int MaxVarintLength = 10;

    /// <summary>Writes a whole number 7 bits a byte, lowest first, the top bit set on all but the last; returns the bytes written.</summary>
    public static int WriteVarint(Span<byte> into, ulong value)
    {
        var length = 0;
        for (; value >= 0x80; value >>= 7)
        {
            into[length++] = unchecked((byte)(value | 0x80));
        }

        into[length++] = (byte)value;
        return length;
    }

    /// <summary>Reads what <see cref="WriteVarint"/> wrote at <paramref name="at"/>, and moves past it.</summary>
    public static ulong ReadVarint(ReadOnlySpan<byte> from, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var next = from[at++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
    }

    private static bool Has(int flags, int bit) => (flags & (1 << bit)) != 0;

    // A distribution's header: its bucket count, shifted past two flags for the usual total and tolerance, which
    // are then not written.
    private const int TotalIsOne = 1;
    private const int DefaultTolerance = 2;
    private const int HeaderShift = 2;

    private delegate TKey KeyReader<out TKey>(ref Reader reader);

    // Writes straight into the output's array, holding the write position itself, and makes room before each field
    // (or each bucket, price or text) rather than before each byte; Finish gives the output its new length.
    private ref struct Writer
    {
        // A bucket of a distribution: its key as a varint, then its share's 8 bytes.
        private const int BucketLength = MaxVarintLength + sizeof(double);

        private readonly ListingBytes _output;
        private readonly InternedValues _interned;
        private readonly InternedValues.RecentNumbers _recent;
        private Span<byte> _bytes;
        private int _at;

        public Writer(ListingBytes output, InternedValues interned)
        {
            (_output, _interned, _recent) = (output, interned, interned.Recent);
            _bytes = output.Buffer;
            _at = output.Length;
        }

        public readonly void Finish() => _output.Length = _at;

        public void Count(long value)
        {
            Room(MaxVarintLength);
            Varint(unchecked((ulong)value));
        }

        public void Count(long? value)
        {
            if (value is { } known)
            {
                Count(known);
            }
        }

        public void Signed(long value)
        {
            Room(MaxVarintLength);
            Varint(ZigZag(value));
        }

        public void Flags(bool first, bool second = false, bool third = false, bool fourth = false, bool fifth = false, bool sixth = false)
        {
            Room(1);
            _bytes[_at++] = (byte)((first ? 1 : 0) | (second ? 2 : 0) | (third ? 4 : 0) | (fourth ? 8 : 0) | (fifth ? 16 : 0) | (sixth ? 32 : 0));
        }

        public void Double(double? value)
        {
            if (value is { } known)
            {
                Room(sizeof(double));
                Bytes(known);
            }
        }

        public void Text(string text) => Utf8(text, bias: 0);

        // Absent text is written as length 0 and present text as its length + 1.
        public void OptionalText(string? text)
        {
            if (text is null)
            {
                Count(0);
                return;
            }

            Utf8(text, bias: 1);
        }

        // An interned value as its number + 1, null as 0.
        public void Value(object? value) => Count(value is null ? 0 : NumberOf(value) + 1);

        public void Values<T>(IReadOnlyList<T> values)
            where T : class
        {
            var count = values.Count;
            Count(count);
            for (var i = 0; i < count; i++)
            {
                Value(values[i]);
            }
        }

        // A smart enum as its value + 1 (values may be 0 or negative only in principle), null as 0.
        public void Enum<T>(T? value)
            where T : SmartEnum<T, int> => Signed(value is null ? 0 : (long)value.Value + 1);

        public void Instant(Instant instant) => Duration(instant - NodaConstants.UnixEpoch);

        public void Since(Instant origin, Instant instant) => Duration(instant - origin);

        private void Duration(Duration duration)
        {
            Room(2 * MaxVarintLength);
            Varint(ZigZag(duration.Days));
            Varint(ZigZag(duration.NanosecondOfDay));
        }

        // Room is made once for every bucket, each written as Enum and Double would write it.
        public void Distribution<TKey>(Distribution<TKey>? distribution)
            where TKey : SmartEnum<TKey, int>
        {
            if (distribution is null)
            {
                return;
            }

            Header(distribution.Count, distribution.Total, distribution.Tolerance);
            foreach (var (key, share) in distribution.Buckets)
            {
                Varint(ZigZag((long)key.Value + 1));
                Bytes(share.Fraction);
            }
        }

        // As Distribution, with each key written as Value would write it.
        public void InternedDistribution<TKey>(Distribution<TKey>? distribution)
            where TKey : class
        {
            if (distribution is null)
            {
                return;
            }

            Header(distribution.Count, distribution.Total, distribution.Tolerance);
            foreach (var (key, share) in distribution.Buckets)
            {
                Varint((ulong)NumberOf(key) + 1);
                Bytes(share.Fraction);
            }
        }

        // A distribution's header, with room made for its buckets after it.
        private void Header(int count, double total, double tolerance)
        {
            var totalIsOne = total == 1d;
            var defaultTolerance = tolerance.Equals(CreatorMarketplace.Distribution.DefaultTolerance);
            Count((count << HeaderShift) | (totalIsOne ? TotalIsOne : 0) | (defaultTolerance ? DefaultTolerance : 0));
            Room((2 * sizeof(double)) + (count * BucketLength));
            if (!totalIsOne)
            {
                Bytes(total);
            }

            if (!defaultTolerance)
            {
                Bytes(tolerance);
            }
        }

        private readonly int NumberOf(object value) => _recent.NumberOf(value, _interned);

        // Text as its UTF-8 length + bias, then the bytes, transcoded once: the length is first given the room its
        // character count needs, the fewest it can take, and the bytes are moved only when the UTF-8 needs more.
        private void Utf8(string text, int bias)
        {
            Room(MaxVarintLength + Encoding.UTF8.GetMaxByteCount(text.Length));
            var room = VarintLength((ulong)(text.Length + bias));
            var length = Encoding.UTF8.GetBytes(text, _bytes[(_at + room)..]);
            var needed = VarintLength((ulong)(length + bias));
            if (needed != room)
            {
                _bytes.Slice(_at + room, length).CopyTo(_bytes[(_at + needed)..]);
            }

            Varint((ulong)(length + bias));
            _at += length;
        }

        // Makes room for at least length more bytes.
        private void Room(int length)
        {
            if (_bytes.Length - _at < length)
            {
                _bytes = _output.Grow(_at, length);
            }
        }

        // The writes below assume the room is made.
        private void Varint(ulong value) => _at += WriteVarint(_bytes[_at..], value);

        private void Bytes(double value)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_bytes[_at..], value);
            _at += sizeof(double);
        }

        private static ulong ZigZag(long value) => unchecked((ulong)((value << 1) ^ (value >> 63)));

        private static int VarintLength(ulong value) => (BitOperations.Log2(value | 1) / 7) + 1;
    }

    private ref struct Reader(ReadOnlySpan<byte> encoded, InternedValues interned)
    {
        private readonly ReadOnlySpan<byte> _encoded = encoded;
        private int _at;

        public long Count() => unchecked((long)ReadVarint(_encoded, ref _at));

        public long Signed()
        {
            var value = unchecked((ulong)Count());
            return unchecked((long)(value >> 1) ^ -(long)(value & 1));
        }

        public int Flags() => _encoded[_at++];

        public double Double()
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(_encoded[_at..]);
            _at += sizeof(double);
            return value;
        }

        public string Text() => Utf8((int)Count());

        public string? OptionalText() => Count() is var length and > 0 ? Utf8((int)length - 1) : null;

        private string Utf8(int length)
        {
            var text = length == 0 ? string.Empty : Encoding.UTF8.GetString(_encoded.Slice(_at, length));
            _at += length;
            return text;
        }

        public T? Value<T>()
            where T : class => Count() is var number and > 0 ? interned.ValueOf<T>((int)number - 1) : null;

        public T[] Values<T>()
            where T : class
        {
            var values = new T[Count()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Value<T>()!;
            }

            return values;
        }

        public T? Enum<T>()
            where T : SmartEnum<T, int> => Signed() is var value and not 0 ? EnumValues<T>.Of((int)(value - 1)) : null;

        public Instant Instant() => NodaConstants.UnixEpoch + Duration();

        public Instant Since(Instant origin) => origin + Duration();

        private Duration Duration() => NodaTime.Duration.FromDays((int)Signed()) + NodaTime.Duration.FromNanoseconds(Signed());

        public Distribution<TKey> Distribution<TKey>(KeyReader<TKey> key)
            where TKey : class
        {
            var header = Count();
            var total = (header & TotalIsOne) != 0 ? 1d : Double();
            var tolerance = (header & DefaultTolerance) != 0 ? CreatorMarketplace.Distribution.DefaultTolerance : Double();
            var count = (int)(header >> HeaderShift);
            var buckets = new KeyValuePair<TKey, Share>[count];
            for (var i = 0; i < count; i++)
            {
                buckets[i] = KeyValuePair.Create(key(ref this), Share.FromFraction(Double()));
            }

            return new Distribution<TKey>(buckets, total, tolerance);
        }
    }
}

/// <summary>A growing buffer that encoded listings are appended to, reused from one batch to the next.</summary>
internal sealed class ListingBytes
{
    private byte[] _bytes = new byte[4_096];

    /// <summary>
    /// The bytes appended since the last <see cref="Clear"/>; set by a writer that filled <see cref="Buffer"/> itself.
    /// </summary>
    public int Length { get; set; }

    /// <summary>The whole buffer, the bytes appended and the room after them, for a writer that fills it itself.</summary>
    public Span<byte> Buffer => _bytes;

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    public void Varint(ulong value)
    {
        // Most numbers written are below 128, one byte.
        if (value < 0x80 && Length < _bytes.Length)
        {
            _bytes[Length++] = (byte)value;
            return;
        }

        var room = Reserve(ListingCodec.MaxVarintLength);
        Length -= ListingCodec.MaxVarintLength - ListingCodec.WriteVarint(room, value);
    }

    /// <summary>The next <paramref name="length"/> bytes, appended, for the caller to fill.</summary>
    public Span<byte> Reserve(int length)
    {
        _ = Grow(Length, length);
        Length += length;
        return _bytes.AsSpan(Length - length, length);
    }

    /// <summary>
    /// The whole buffer, grown to room for <paramref name="more"/> bytes after the first <paramref name="length"/>,
    /// which it keeps: for a writer that fills <see cref="Buffer"/> itself.
    /// </summary>
    public Span<byte> Grow(int length, int more)
    {
        if (length + more > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, length + more));
        }

        return _bytes;
    }

    public void Clear() => Length = 0;
}

// The instances of a smart enum by value in an array, for the decoder, which reads several per listing: the enum's own
// lookup hashes the value in a dictionary. An enum with values outside 0 to MaxValues, or with two instances of one
// value, is looked up as before.
internal static class EnumValues<T>
    where T : SmartEnum<T, int>
{
    private const int MaxValues = 4096;

    private static readonly T?[]? ByValue = Index();

    public static T Of(int value) =>
        ByValue is { } byValue && (uint)value < (uint)byValue.Length && byValue[value] is { } known ? known : SmartEnum<T, int>.FromValue(value);

    private static T?[]? Index()
    {
        var all = SmartEnum<T, int>.List;
        if (all.Count == 0 || all.Any(item => item.Value is < 0 or >= MaxValues) || all.DistinctBy(item => item.Value).Count() != all.Count)
        {
            return null;
        }

        var byValue = new T?[all.Max(item => item.Value) + 1];
        foreach (var item in all)
        {
            byValue[item.Value] = item;
        }

        return byValue;
    }
}
