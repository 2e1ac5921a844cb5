namespace CreatorMarketplace;

/// <summary>
/// A strongly typed identifier wrapping a time-ordered UUID (version 7), so that a <see cref="CreatorId"/> can
/// never be passed where a <see cref="CampaignId"/> is expected, and ids sort by creation time.
/// </summary>
/// <typeparam name="TSelf">The identifier type itself.</typeparam>
public interface IEntityId<TSelf> : IEquatable<TSelf>, IComparable<TSelf>, IParsable<TSelf>
    where TSelf : struct, IEntityId<TSelf>
{
    /// <summary>The underlying UUID; never <see cref="Guid.Empty"/>.</summary>
    /// <exception cref="InvalidOperationException">This is <c>default(TSelf)</c>, which no factory made and which holds no UUID.</exception>
    Guid Value { get; }

    /// <summary>Wraps an existing UUID, such as one read from storage.</summary>
    /// <param name="value">A UUID other than <see cref="Guid.Empty"/>.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <see cref="Guid.Empty"/>.</exception>
    static abstract TSelf From(Guid value);
}
