namespace CreatorMarketplace.Discovery;

/// <summary>
/// A range of creator prices (the lowest price on the rate card) in one currency. Discovery does not convert:
/// a creator whose rate card is in another currency does not match.
/// </summary>
/// <param name="Currency">The currency of the bounds; required whenever a bound is given.</param>
/// <param name="Amount">The bounds in major units, for example 100 to 500 dollars.</param>
public readonly record struct PriceRange(Currency? Currency, NumberRange<decimal> Amount)
{
    /// <summary>Whether a rate card's lowest price lies in the range.</summary>
    /// <param name="lowestPrice">The lowest price, or null when the creator publishes none.</param>
    /// <returns>True when the price is in the currency and within the bounds.</returns>
    public bool Contains(Money? lowestPrice) =>
        Amount.IsAny || (lowestPrice is { } price && ReferenceEquals(price.Currency, Currency) && Amount.Contains(price.Amount));
}
