namespace CreatorMarketplace;

[EntityId("a creator (a person or team publishing on one or more platforms)")]
public readonly partial record struct CreatorId;
