namespace CreatorMarketplace;

[EntityId("someone who acts in the marketplace: a person, or a service acting for one")]
public readonly partial record struct ActorId;
