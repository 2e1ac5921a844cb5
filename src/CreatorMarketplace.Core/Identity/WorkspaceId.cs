namespace CreatorMarketplace;

[EntityId("a workspace: a brand's, an agency's, or a creator's own account")]
public readonly partial record struct WorkspaceId;
