namespace CreatorMarketplace;

[EntityId("an agency's grant of access to a client brand's workspace")]
public readonly partial record struct AccessGrantId;
