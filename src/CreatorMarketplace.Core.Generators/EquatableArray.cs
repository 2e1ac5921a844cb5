using System.Collections;

namespace CreatorMarketplace.Generators;

/// <summary>An array compared by its items, so that a generator's model holding one is cached by value.</summary>
/// <typeparam name="T">The item type.</typeparam>
public readonly struct EquatableArray<T>(T[] items) : IEquatable<EquatableArray<T>>, IEnumerable<T>
    where T : IEquatable<T>
{
    private readonly T[] _items = items;

    public bool Equals(EquatableArray<T> other) => (_items ?? []).SequenceEqual(other._items ?? []);

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode() => _items is null ? 0 : _items.Aggregate(17, (hash, item) => (hash * 31) + item.GetHashCode());

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
