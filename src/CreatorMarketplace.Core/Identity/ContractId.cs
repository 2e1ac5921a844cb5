namespace CreatorMarketplace;

[EntityId("a contract between a brand and a creator")]
public readonly partial record struct ContractId;
