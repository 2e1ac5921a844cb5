namespace CreatorMarketplace.Creators;

/// <summary>
/// What a creator asks per deliverable, all in one currency, and whether the prices are open to negotiation.
/// </summary>
public sealed record RateCard
{
    private readonly Dictionary<DeliverableType, Money> _prices;

    // The prices are checked (by Create, or when a decoded card was encoded) and become the card's own.
    internal RateCard(Currency currency, Dictionary<DeliverableType, Money> prices, bool negotiable)
    {
        Currency = currency;
        _prices = prices;
        Negotiable = negotiable;

        // Through the dictionary's struct enumerator: rate cards are read by the million, and Values with MinBy
        // allocated a collection and an enumerator for each.
        foreach (var (_, price) in prices)
        {
            if (LowestPrice is not { } lowest || price.MinorUnits < lowest.MinorUnits)
            {
                LowestPrice = price;
            }
        }
    }

    /// <summary>The currency of every price.</summary>
    public Currency Currency { get; }

    /// <summary>The price per deliverable type; a type not listed is not offered.</summary>
    public IReadOnlyDictionary<DeliverableType, Money> Prices => _prices;

    // The prices through the dictionary's own enumerator, a struct, as Distribution's buckets are read: encoding a
    // million rate cards allocates no enumerator.
    internal Dictionary<DeliverableType, Money>.Enumerator GetPriceEnumerator() => _prices.GetEnumerator();

    /// <summary>Whether the creator accepts counter-offers.</summary>
    public bool Negotiable { get; }

    /// <summary>The lowest listed price, or null when nothing is priced (discovery's "creator price").</summary>
    public Money? LowestPrice { get; }

    /// <summary>Creates a rate card, checking every price.</summary>
    /// <param name="currency">The currency of every price.</param>
    /// <param name="prices">The prices; each in <paramref name="currency"/> and not negative.</param>
    /// <param name="negotiable">Whether the creator accepts counter-offers.</param>
    /// <returns>The rate card.</returns>
    /// <exception cref="DomainValidationException">A price is in another currency or negative (field <c>prices[Type]</c>).</exception>
    public static RateCard Create(Currency currency, IEnumerable<KeyValuePair<DeliverableType, Money>> prices, bool negotiable)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(prices);
        var errors = new ErrorCollector();
        var checkedPrices = new Dictionary<DeliverableType, Money>();
        foreach (var (type, price) in prices)
        {
            ArgumentNullException.ThrowIfNull(type, nameof(prices));

            // The field is named only for an error: rate cards are read from a store by the million.
            if (!ReferenceEquals(price.Currency, currency))
            {
                errors.Add($"prices[{type.Name}]", "rate_card.currency_mismatch", $"every price must be in {currency.Code}, got {price}.");
            }
            else if (price.IsNegative)
            {
                errors.Add($"prices[{type.Name}]", "rate_card.negative_price", $"a price may not be negative, got {price}.");
            }
            else if (!checkedPrices.TryAdd(type, price))
            {
                errors.Add($"prices[{type.Name}]", "rate_card.duplicate_type", $"{type.Name} is priced more than once.");
            }
        }

        errors.ThrowIfAny(nameof(prices));
        return new RateCard(currency, checkedPrices, negotiable);
    }

    /// <summary>The price of a deliverable type, if offered.</summary>
    /// <param name="type">The deliverable type.</param>
    /// <returns>The price, or null.</returns>
    public Money? PriceOf(DeliverableType type) => _prices.TryGetValue(type, out var price) ? price : null;

    /// <summary>Whether both cards have the same currency, prices and negotiability.</summary>
    /// <param name="other">The other card.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(RateCard? other) =>
        other is not null
        && ReferenceEquals(Currency, other.Currency)
        && Negotiable == other.Negotiable
        && _prices.Count == other._prices.Count
        && _prices.All(pair => other._prices.TryGetValue(pair.Key, out var price) && price == pair.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Currency.Value, Negotiable, _prices.Count);
}
