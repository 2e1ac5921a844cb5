using OneOf;

namespace CreatorMarketplace.Contracts;

/// <summary>A use is permitted by a grant of a signed contract version.</summary>
/// <param name="Version">The contract version whose grant permits it.</param>
/// <param name="GrantNumber">The grant's number in that version (1-based).</param>
/// <param name="Grant">The grant.</param>
public sealed record Permitted(int Version, int GrantNumber, UsageGrant Grant);

/// <summary>A use is denied, with every reason: each grant's, and the contract's own.</summary>
/// <param name="Reasons">Every reason, the contract's first, then grant by grant.</param>
public sealed record Denied(IReadOnlyList<RightsDenial> Reasons)
{
    /// <summary>Formats the reasons, one per line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join(Environment.NewLine, Reasons);
}

/// <summary>The answer to "may this deliverable be used in channel C, territory T, at instant I?".</summary>
[Union]
public sealed partial class RightsDecision : OneOfBase<Permitted, Denied>
{
    /// <summary>Whether the use is permitted.</summary>
    public bool IsPermitted => IsT0;

    /// <summary>The reasons the use is denied; empty when permitted.</summary>
    public IReadOnlyList<RightsDenial> Reasons => IsT1 ? AsT1.Reasons : [];

    /// <inheritdoc />
    public override string ToString() => IsT0 ? $"permitted by grant {AsT0.GrantNumber} of version {AsT0.Version}" : $"denied: {AsT1}";
}
