namespace CreatorMarketplace;

[EntityId("an invoice or credit note")]
public readonly partial record struct InvoiceId;
