namespace CreatorMarketplace.Storage;

/// <summary>
/// A store whose database can bind its own statements to the parties (brands and creators) an actor may see, a
/// second enforcement of tenancy under <see cref="ActorStore"/>'s: a store opened for an actor
/// (<see cref="MarketplaceStoreAccess.For"/>) is scoped so when it implements this.
/// </summary>
public interface IRowScopedStore
{
    /// <summary>
    /// The same store, whose every statement sees and writes only the rows of the parties <paramref name="parties"/>
    /// gives, asked again for each transaction so that a change of access takes effect at once.
    /// </summary>
    /// <param name="parties">The ids of the brands and creators whose rows are visible; none sees nothing.</param>
    /// <returns>The scoped store.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parties"/> is null.</exception>
    IMarketplaceStore ScopedTo(Func<IReadOnlyCollection<Guid>> parties);
}
