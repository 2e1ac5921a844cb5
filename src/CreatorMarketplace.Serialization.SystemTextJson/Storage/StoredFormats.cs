using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Serialization;

/// <summary>
/// The JSON stored form of every aggregate: one <see cref="SnapshotSchema{TSnapshot}"/> each. Stores take a set of
/// them; <see cref="Current"/> is this release's, and <c>with</c> swaps one schema for another (one with an
/// upgrade of an application's own, say).
/// </summary>
public sealed record StoredFormats
{
    /// <summary>This release's schemas.</summary>
    public static StoredFormats Current { get; } = new();

    /// <summary>Creators.</summary>
    public SnapshotSchema<CreatorSnapshot> Creator { get; init; } = new(nameof(Creators.Creator), 1);

    /// <summary>Campaigns.</summary>
    public SnapshotSchema<CampaignSnapshot> Campaign { get; init; } = new(nameof(Campaigns.Campaign), 1);

    /// <summary>
    /// Collaborations: their event histories. Version 2 gives the events a payment reads what it needs (the brand
    /// on an accepted offer, approvals of a deliverable and of all of them, the parties and price on a cancellation);
    /// a version 1 history is upgraded by working these out from the events before them. Version 3 names the
    /// contract's version attached on the attachment and the approvals; an older history names none, and its
    /// payments follow the version in force when they are handled.
    /// </summary>
    public SnapshotSchema<CollaborationSnapshot> Collaboration { get; init; } =
        new SnapshotSchema<CollaborationSnapshot>(nameof(Campaigns.Collaboration), 3)
            .WithUpgrade(1, CollaborationUpgrades.ToVersion2)
            .WithUpgrade(2, CollaborationUpgrades.ToVersion3);

    /// <summary>Contracts.</summary>
    public SnapshotSchema<ContractSnapshot> Contract { get; init; } = new(nameof(Contracts.Contract), 1);

    /// <summary>
    /// Invoices and credit notes. Version 2 names the parties an invoice is between; a version 1 invoice names none.
    /// Version 3 keeps a credit note's limit, the total of the invoice it corrects; an older credit note has none.
    /// </summary>
    public SnapshotSchema<InvoiceSnapshot> Invoice { get; init; } =
        new SnapshotSchema<InvoiceSnapshot>(nameof(Payments.Invoice), 3)
            .WithUpgrade(1, InvoiceWithoutParties)
            .WithUpgrade(2, InvoiceWithoutCreditLimit);

    /// <summary>Shortlists.</summary>
    public SnapshotSchema<ShortlistSnapshot> Shortlist { get; init; } = new(nameof(Discovery.Shortlist), 1);

    /// <summary>Saved searches.</summary>
    public SnapshotSchema<SavedSearchSnapshot> SavedSearch { get; init; } = new(nameof(Discovery.SavedSearch), 1);

    // Version 1 had no parties: such an invoice belongs to no workspace, as one drafted without parties does.
    private static JsonObject InvoiceWithoutParties(JsonObject document)
    {
        document.TryAdd("parties", null);
        return document;
    }

    // Version 2 kept no credit limit: the total of the invoice a credit note corrects is not in the note.
    private static JsonObject InvoiceWithoutCreditLimit(JsonObject document)
    {
        document.TryAdd("creditLimit", null);
        return document;
    }
}
