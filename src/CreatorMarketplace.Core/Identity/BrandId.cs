namespace CreatorMarketplace;

[EntityId("a brand (the advertiser that runs campaigns)")]
public readonly partial record struct BrandId;
