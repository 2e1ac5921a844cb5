using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Scoring;

namespace CreatorMarketplace.Testing;

/// <summary>
/// FsCheck arbitraries for the domain's value types, in one place for every test project. Register them on a
/// property with <c>[Property(Arbitrary = [typeof(KernelArbitraries)])]</c> or for a whole assembly with
/// <c>[assembly: Properties(Arbitrary = [typeof(KernelArbitraries)])]</c>.
/// </summary>
/// <remarks>
/// Generated amounts stay within ±10^15 minor units (ten trillion dollars), far beyond any real fee yet small
/// enough that sums of a thousand of them never overflow, so a property fails on the law and not on the range.
/// Ids are random version-7 UUIDs, deterministic for a given FsCheck seed.
/// </remarks>
public static class KernelArbitraries
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // Label ids are the application's taxonomy: any text that is not blank, so spaces, punctuation and letters
    // beyond ASCII appear too.
    private const string LabelAlphabet = Alphanumerics + "-_&/.' éüßçø한日ñ";

    private static readonly Currency[] MonetaryCurrencies = CreatorMarketplace.Currency.List.Where(c => c.HasMinorUnit).OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();

    /// <summary>Any ISO 4217 currency that <see cref="Money"/> accepts (one with a minor unit).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Currency> Currency() => Gen.Elements(MonetaryCurrencies).ToArbitrary();

    /// <summary>An amount of any accepted currency, shrinking towards zero.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Money> Money() =>
        Arb.From(
            Gen.Zip(KernelGenerators.MinorUnits(), Currency().Generator, CreatorMarketplace.Money.FromMinorUnits),
            ShrinkMoney);

    /// <summary>A share from 0 to 1, including both ends.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Share> Share() =>
        Gen.Frequency(
                (8, Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000d)),
                (1, Gen.Elements(0d, 1d)))
            .Select(CreatorMarketplace.Share.FromFraction)
            .ToArbitrary();

    /// <summary>Any assigned ISO 3166-1 country.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Country> Country() => Gen.Elements(CreatorMarketplace.Country.List.OrderBy(c => c.Value).ToArray()).ToArbitrary();

    /// <summary>Any ISO 639-1 language.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Language> Language() => Gen.Elements(CreatorMarketplace.Language.List.OrderBy(l => l.Code, StringComparer.Ordinal).ToArray()).ToArbitrary();

    /// <summary>Any supported platform.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Platform> Platform() => Gen.Elements(CreatorMarketplace.Platform.List.OrderBy(p => p.Value).ToArray()).ToArbitrary();

    /// <summary>A valid handle on any platform.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Handle> Handle() =>
        (from platform in Platform().Generator
         from length in Gen.Choose(platform.MinHandleLength, platform.MaxHandleLength)
         from chars in Gen.ArrayOf(Gen.Elements(HandleAlphabet(platform)), length)
         select new Handle(platform, new string(chars)))
        .ToArbitrary();

    /// <summary>An audience-style distribution over 1 to 12 distinct countries, made from random weights.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Distribution<Country>> CountryDistribution() =>
        KernelGenerators.Distributions(CreatorMarketplace.Country.List.OrderBy(c => c.Value).ToArray()).ToArbitrary();

    /// <summary>An audience distribution over age buckets.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Distribution<AgeBucket>> AgeDistribution() =>
        KernelGenerators.Distributions(AgeBucket.List.OrderBy(b => b.Value).ToArray()).ToArbitrary();

    /// <summary>An audience distribution over genders.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Distribution<AudienceGender>> GenderDistribution() =>
        KernelGenerators.Distributions(AudienceGender.List.OrderBy(g => g.Value).ToArray()).ToArbitrary();

    /// <summary>An audience distribution over devices.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Distribution<AudienceDevice>> DeviceDistribution() =>
        KernelGenerators.Distributions(AudienceDevice.List.OrderBy(d => d.Value).ToArray()).ToArbitrary();

    /// <summary>An audience distribution over 1 to 12 languages.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Distribution<Language>> LanguageDistribution() =>
        KernelGenerators.Distributions(CreatorMarketplace.Language.List.OrderBy(l => l.Code, StringComparer.Ordinal).ToArray()).ToArbitrary();

    /// <summary>A subdivision of any country with a local code of 1 to 3 letters or digits, in either case.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Subdivision> Subdivision() =>
        (from country in Country().Generator
         from length in Gen.Choose(1, 3)
         from chars in Gen.ArrayOf(Gen.Elements(Alphanumerics.ToCharArray()), length)
         select CreatorMarketplace.Subdivision.Of(country, new string(chars)))
        .ToArbitrary();

    /// <summary>A content label: mostly the generator's realistic ones, sometimes any id of up to 64 characters.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ContentLabel> ContentLabel() =>
        LabelIds(CreatorGenerator.ContentLabels.Select(label => label.Id)).Select(id => new ContentLabel(id)).ToArbitrary();

    /// <summary>An industry label: mostly the generator's realistic ones, sometimes any id of up to 64 characters.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IndustryLabel> IndustryLabel() =>
        LabelIds(CreatorGenerator.IndustryLabels.Select(label => label.Id)).Select(id => new IndustryLabel(id)).ToArbitrary();

    /// <summary>A reference to a provider-held secret: a token and four last characters.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SecretReference> SecretReference() =>
        (from token in Gen.Choose(8, 32).SelectMany(length => Gen.ArrayOf(Gen.Elements(Alphanumerics.ToCharArray()), length))
         from lastFour in Gen.ArrayOf(Gen.Elements(Alphanumerics.ToCharArray()), 4)
         select new SecretReference("tok_" + new string(token), new string(lastFour)))
        .ToArbitrary();

    /// <summary>A rights term between two instants or, one time in four, a perpetual one.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<RightsTerm> RightsTerm() =>
        (from start in KernelGenerators.Instants()
         from perpetual in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
         from seconds in Gen.Choose(1, int.MaxValue)
         from nanoseconds in Gen.Choose(0, 999_999_999)
         select perpetual
             ? CreatorMarketplace.Contracts.RightsTerm.Perpetual(start)
             : CreatorMarketplace.Contracts.RightsTerm.Between(start, start + Duration.FromSeconds(seconds) + Duration.FromNanoseconds(nanoseconds)))
        .ToArbitrary();

    /// <summary>A ratio of two finite numbers (a zero denominator included), or one time in seven a missing one.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Ratio> Ratio() =>
        Gen.Frequency(
                (1, Gen.Constant(CreatorMarketplace.Metrics.Ratio.Missing)),
                (6, Gen.Zip(KernelGenerators.FiniteDoubles(), KernelGenerators.FiniteDoubles(), (n, d) => CreatorMarketplace.Metrics.Ratio.Of(n, d))))
            .ToArbitrary();

    /// <summary>A cost per unit of a result, undefined one time in four.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<UnitCost> UnitCost() =>
        (from currency in Currency().Generator
         from amount in Gen.Frequency((1, Gen.Constant<decimal?>(null)), (3, KernelGenerators.Decimals(8).Select(a => (decimal?)a)))
         from unit in Gen.Elements("view", "click", "engagement", "conversion", "1,000 impressions")
         select new UnitCost(currency, amount, unit))
        .ToArbitrary();

    /// <summary>An account of the escrow ledger: of a brand, a collaboration or a creator, or the platform's fees.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<LedgerAccount> LedgerAccount() =>
        Gen.OneOf(
                BrandId().Generator.Select(CreatorMarketplace.Payments.LedgerAccount.BrandFunding),
                BrandId().Generator.Select(CreatorMarketplace.Payments.LedgerAccount.Refunds),
                CollaborationId().Generator.Select(CreatorMarketplace.Payments.LedgerAccount.Escrow),
                CreatorId().Generator.Select(CreatorMarketplace.Payments.LedgerAccount.CreatorPayable),
                CreatorId().Generator.Select(CreatorMarketplace.Payments.LedgerAccount.PaidOut),
                Gen.Constant(CreatorMarketplace.Payments.LedgerAccount.PlatformFees))
            .ToArbitrary();

    /// <summary>A peer group: a content label (none one time in four), a follower tier and a market.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<PeerGroup> PeerGroup() =>
        (from category in Gen.Frequency((1, Gen.Constant<ContentLabel?>(null)), (3, ContentLabel().Generator.Select(label => (ContentLabel?)label)))
         from tier in Gen.Elements(FollowerTier.List.OrderBy(t => t.Value).ToArray())
         from market in Country().Generator
         select new PeerGroup(category, tier, market))
        .ToArbitrary();

    /// <summary>A search position: a keyword rank, a sorted value (unknown one time in four) and a creator.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SearchPosition> SearchPosition() =>
        (from rank in Gen.Choose(0, 3)
         from value in Gen.Frequency((1, Gen.Constant<double?>(null)), (3, KernelGenerators.FiniteDoubles().Select(v => (double?)v)))
         from creator in CreatorId().Generator
         select new SearchPosition(rank, value, creator))
        .ToArbitrary();

    /// <summary>A price range: a currency (or none) and decimal bounds, each end open half the time.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<PriceRange> PriceRange() =>
        (from currency in Gen.Frequency((1, Gen.Constant<Currency?>(null)), (3, Currency().Generator.Select(c => (Currency?)c)))
         from amount in DecimalRange().Generator
         select new PriceRange(currency, amount))
        .ToArbitrary();

    /// <summary>A range of 32-bit whole numbers.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<NumberRange<int>> Int32Range() => KernelGenerators.NumberRanges(Gen.Choose(int.MinValue, int.MaxValue)).ToArbitrary();

    /// <summary>A range of 64-bit whole numbers.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<NumberRange<long>> Int64Range() => KernelGenerators.NumberRanges(KernelGenerators.MinorUnits()).ToArbitrary();

    /// <summary>A range of finite doubles.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<NumberRange<double>> DoubleRange() => KernelGenerators.NumberRanges(KernelGenerators.FiniteDoubles()).ToArbitrary();

    /// <summary>A range of decimals with up to 4 decimal digits.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<NumberRange<decimal>> DecimalRange() => KernelGenerators.NumberRanges(KernelGenerators.Decimals(4)).ToArbitrary();

    /// <summary>A least share of the audience in a country.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<AudienceThreshold<Country>> CountryThreshold() => KernelGenerators.Thresholds(Country().Generator).ToArbitrary();

    /// <summary>A least share of the audience of a gender.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<AudienceThreshold<AudienceGender>> GenderThreshold() =>
        KernelGenerators.Thresholds(Gen.Elements(AudienceGender.List.OrderBy(g => g.Value).ToArray())).ToArbitrary();

    /// <summary>A least share of the audience in an age bucket.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<AudienceThreshold<AgeBucket>> AgeThreshold() =>
        KernelGenerators.Thresholds(Gen.Elements(AgeBucket.List.OrderBy(b => b.Value).ToArray())).ToArbitrary();

    /// <summary>A creator id.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CreatorId> CreatorId() => KernelGenerators.Ids<CreatorId>().ToArbitrary();

    /// <summary>A brand id.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<BrandId> BrandId() => KernelGenerators.Ids<BrandId>().ToArbitrary();

    /// <summary>A campaign id.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CampaignId> CampaignId() => KernelGenerators.Ids<CampaignId>().ToArbitrary();

    /// <summary>A collaboration id.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CollaborationId> CollaborationId() => KernelGenerators.Ids<CollaborationId>().ToArbitrary();

    /// <summary>A contract id.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ContractId> ContractId() => KernelGenerators.Ids<ContractId>().ToArbitrary();

    /// <summary>An invoice id.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<InvoiceId> InvoiceId() => KernelGenerators.Ids<InvoiceId>().ToArbitrary();

    /// <summary>A payout id.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<PayoutId> PayoutId() => KernelGenerators.Ids<PayoutId>().ToArbitrary();

    /// <summary>A shortlist id.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ShortlistId> ShortlistId() => KernelGenerators.Ids<ShortlistId>().ToArbitrary();

    /// <summary>A saved-search id.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SavedSearchId> SavedSearchId() => KernelGenerators.Ids<SavedSearchId>().ToArbitrary();

    private static Gen<string> LabelIds(IEnumerable<string> realistic) =>
        Gen.Frequency(
            (3, Gen.Elements(realistic.ToArray())),
            (1, from first in Gen.Elements(LabelAlphabet.Where(c => c != ' ').ToArray())
                from rest in Gen.Choose(0, 63).SelectMany(length => Gen.ArrayOf(Gen.Elements(LabelAlphabet.ToArray()), length))
                select first + new string(rest)));

    private static char[] HandleAlphabet(Platform platform) =>
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".Concat(platform.HandlePunctuation).ToArray();

    private static IEnumerable<Money> ShrinkMoney(Money money)
    {
        if (money.IsZero)
        {
            yield break;
        }

        yield return CreatorMarketplace.Money.Zero(money.Currency);
        if (money.MinorUnits / 2 != 0)
        {
            yield return CreatorMarketplace.Money.FromMinorUnits(money.MinorUnits / 2, money.Currency);
        }
    }
}
