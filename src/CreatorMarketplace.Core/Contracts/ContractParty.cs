using Ardalis.SmartEnum;

namespace CreatorMarketplace.Contracts;

/// <summary>A side of a contract.</summary>
public sealed class ContractParty : SmartEnum<ContractParty, int>
{
    /// <summary>The brand.</summary>
    public static readonly ContractParty Brand = new(nameof(Brand), 1);

    /// <summary>The creator.</summary>
    public static readonly ContractParty Creator = new(nameof(Creator), 2);

    private ContractParty(string name, int value)
        : base(name, value)
    {
    }

    /// <summary>The other side.</summary>
    public ContractParty Other => this == Brand ? Creator : Brand;
}
