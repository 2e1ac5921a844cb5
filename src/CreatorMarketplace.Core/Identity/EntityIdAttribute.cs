namespace CreatorMarketplace;

/// <summary>
/// Marks a <c>partial record struct</c> as an id type: <c>EntityIdGenerator</c> (CreatorMarketplace.Core.Generators)
/// writes its members at compile time.
/// </summary>
/// <param name="identifies">What the id identifies, read after "Identifies": "a campaign".</param>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
internal sealed class EntityIdAttribute(string identifies) : Attribute
{
    /// <summary>What the id identifies, read after "Identifies".</summary>
    public string Identifies { get; } = identifies;
}
