namespace CreatorMarketplace;

[EntityId("a campaign")]
public readonly partial record struct CampaignId;
