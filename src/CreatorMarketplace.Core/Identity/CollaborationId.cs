namespace CreatorMarketplace;

[EntityId("a collaboration: one brand working with one creator on one campaign")]
public readonly partial record struct CollaborationId;
