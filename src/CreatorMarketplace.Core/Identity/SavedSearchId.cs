namespace CreatorMarketplace;

[EntityId("a brand's saved search")]
public readonly partial record struct SavedSearchId;
