namespace CreatorMarketplace;

[EntityId("a payout to a creator")]
public readonly partial record struct PayoutId;
