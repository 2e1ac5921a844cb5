namespace CreatorMarketplace;

[EntityId("a brand's shortlist of creators")]
public readonly partial record struct ShortlistId;
