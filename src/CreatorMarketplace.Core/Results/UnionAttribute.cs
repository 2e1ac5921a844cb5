namespace CreatorMarketplace;

/// <summary>
/// Marks a <c>partial class</c> deriving from <c>OneOfBase&lt;…&gt;</c> as a named union: <c>UnionGenerator</c>
/// (CreatorMarketplace.Core.Generators) writes its constructor and an implicit conversion from each case.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class UnionAttribute : Attribute;
