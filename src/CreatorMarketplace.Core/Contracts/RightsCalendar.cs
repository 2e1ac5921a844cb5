using NodaTime;

namespace CreatorMarketplace.Contracts;

/// <summary>A right that ends inside a period, for a reminder job.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Brand">The brand holding the right.</param>
/// <param name="Creator">The creator who granted it.</param>
/// <param name="GrantNumber">The grant's number in the version in force.</param>
/// <param name="Grant">The grant.</param>
/// <param name="ExpiresAt">The first instant it no longer applies.</param>
public sealed record ExpiringGrant(ContractId Contract, BrandId Brand, CreatorId Creator, int GrantNumber, UsageGrant Grant, Instant ExpiresAt);

/// <summary>Rights across many contracts, by date.</summary>
public static class RightsCalendar
{
    /// <summary>
    /// Every grant, in the version in force, of the signed, active and completed contracts that expires in a period,
    /// soonest first (ties by contract id, then grant number). Terminated contracts hold no rights to expire.
    /// </summary>
    /// <param name="contracts">The contracts.</param>
    /// <param name="from">The period's start (inclusive), usually now.</param>
    /// <param name="length">The period's length, for example 30 days.</param>
    /// <returns>The grants expiring in [from, from + length).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static IReadOnlyList<ExpiringGrant> ExpiringGrants(IEnumerable<Contract> contracts, Instant from, Duration length)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var until = End(from, length);
        return [.. contracts
            .Where(contract => contract.Status.IsBinding && contract.InForce is not null)
            .SelectMany(contract => contract.InForce!.Terms.Grants.Select((grant, i) => (Contract: contract, Number: i + 1, Grant: grant)))
            .Where(item => item.Grant.Term.End is { } end && end >= from && end < until)
            .Select(item => new ExpiringGrant(item.Contract.Id, item.Contract.Brand, item.Contract.Creator, item.Number, item.Grant, item.Grant.Term.End!.Value))
            .OrderBy(expiring => expiring.ExpiresAt)
            .ThenBy(expiring => expiring.Contract)
            .ThenBy(expiring => expiring.GrantNumber)];
    }

    /// <summary>The Spark Ads codes whose validity ends in a period (not deleted), soonest first.</summary>
    /// <param name="authorizations">The authorisations.</param>
    /// <param name="from">The period's start (inclusive).</param>
    /// <param name="length">The period's length.</param>
    /// <returns>The authorisations expiring in [from, from + length).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static IReadOnlyList<SparkAdsAuthorization> ExpiringSparkAds(IEnumerable<SparkAdsAuthorization> authorizations, Instant from, Duration length)
    {
        ArgumentNullException.ThrowIfNull(authorizations);
        var until = End(from, length);
        return [.. authorizations
            .Where(authorization => authorization.ValidUntil is { } end && end >= from && end < until && authorization.DeletedAt is null)
            .OrderBy(authorization => authorization.ValidUntil)];
    }

    private static Instant End(Instant from, Duration length) =>
        length >= Duration.Zero
            ? from + length
            : throw new ArgumentOutOfRangeException(nameof(length), length, "length: a period may not be negative.");
}
