using FsCheck;
using FsCheck.Fluent;

namespace CreatorMarketplace.Testing;

/// <summary>
/// FsCheck arbitraries for the shared kernel's value types, in one place for every test project. Register them on a
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
        (from countries in Gen.Choose(1, 12).SelectMany(n => Gen.Shuffle(CreatorMarketplace.Country.List.OrderBy(c => c.Value).ToArray()).Select(all => all.Take(n).ToArray()))
         from weights in Gen.ArrayOf(Gen.Choose(1, 10_000), countries.Length)
         select Distribution.Normalize(countries.Zip(weights, (country, weight) => KeyValuePair.Create(country, (double)weight))))
        .ToArbitrary();

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
