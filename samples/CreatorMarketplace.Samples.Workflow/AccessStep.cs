using CreatorMarketplace;
using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Serialization;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 11: who may do what. Two brands, an agency acting for both under grants of different scope, a creator's
/// own account: each decision says which role and grant permit it, a refusal gives every reason and what would
/// permit it, another brand's resource reads as not found, and a large refund needs a second approver, also where the
/// money is recorded: the ledger of a store opened for each actor, and a contract signed and amended through the
/// signers' stores, which record who acted. Then a creator's personal data: kept apart, exported on request, and the creator erased from the store and the catalog.
/// </summary>
internal static class AccessStep
{
    public static async Task Run(IClock clock, TextWriter output)
    {
        output.WriteLine("Step 11: access control and personal data");
        var now = clock.GetCurrentInstant();
        var since = now - Duration.FromDays(90);
        var (glow, lumen, agency, maya) = (Workspace(1), Workspace(2), Workspace(3), Workspace(4));
        var (finance, deputy, planner, creator, counsel) = (Actor(1), Actor(2), Actor(3), Actor(4), Actor(5));
        var rule = FourEyesRule.Create([Permission.Release, Permission.Refund], [Money.Of(5_000m, Currency.USD)]);
        var policy = AccessPolicy.Create("glow-four-eyes", [AccessPolicyVersion.Create(Instant.MinValue, AccessPolicy.Default.Versions[0].Roles, rule)]);
        var access = AccessControl.Create(
            policy,
            [
                CreatorMarketplace.Access.Workspace.ForBrand(glow, "Glow Skincare", BrandId.From(Guid.Parse("0190c2b4-0000-7000-8000-000000000001"))),
                CreatorMarketplace.Access.Workspace.ForBrand(lumen, "Lumen Audio", BrandId.From(Guid.Parse("0190c2b4-0000-7000-8000-000000000002"))),
                CreatorMarketplace.Access.Workspace.ForAgency(agency, "Northstar Agency"),
                CreatorMarketplace.Access.Workspace.ForCreator(maya, "Maya", CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8059"))),
            ],
            [
                Membership.Create(finance, glow, "finance", since),
                Membership.Create(deputy, glow, "finance", since),
                Membership.Create(planner, agency, "campaign-manager", since),
                Membership.Create(creator, maya, "creator", since),
                Membership.Create(counsel, glow, "legal", since),
            ],
            [
                AccessGrant.Create(Grant(1), agency, glow, [Permission.View, Permission.ViewReports, Permission.ManageCampaigns], since),
                AccessGrant.Create(Grant(2), agency, lumen, [Permission.View, Permission.ViewReports], since),
            ]);

        WorkspaceId[] collaboration = [glow, maya];
        Write(output, "the agency plans Glow's campaign", access.Decide(planner, Permission.ManageCampaigns, [glow], now));
        Write(output, "the agency plans Lumen's campaign", access.Decide(planner, Permission.ManageCampaigns, [lumen], now));
        Write(output, "Glow's finance reads Lumen's ledger", access.Decide(finance, Permission.ViewFinances, [lumen], now));
        Write(output, "Maya signs her contract with Glow", access.Decide(creator, Permission.SignContracts, collaboration, now));
        var refund = Money.Of(8_000m, Currency.USD);
        Write(output, $"Glow's finance refunds {refund}", access.Decide(finance, Permission.Refund, [glow], now, refund));
        Write(output, "  ... approved by a colleague", access.DecideApproved(finance, deputy, Permission.Refund, [glow], now, refund));
        Write(output, "  ... approved by the agency", access.DecideApproved(finance, planner, Permission.Refund, [glow], now, refund));
        await MoveMoney(access, (finance, deputy, planner), clock, output);
        await SignAndAmend(access, (counsel, creator), clock, output);

        // Maya's personal data lives apart from her profile: she asks for all that is held about her, then to be forgotten.
        var store = new InMemoryMarketplaceStore();
        var mayaId = CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8059"));
        await store.Identities.SaveAsync(new CreatorIdentity(mayaId, "Maya Lindqvist", "maya@example.com"));
        using var export = new MemoryStream();
        await CreatorDataExport.WriteAsync(store, mayaId, export, clock);
        output.WriteLine($"  Maya's export: {export.Length:N0} bytes of JSON (profile, personal data, contracts, collaborations, ledger)");
        var catalog = new InMemoryCreatorCatalog();
        output.WriteLine($"  Maya's erasure: {await store.EraseCreatorAsync(mayaId, catalog, clock)}");
        output.WriteLine($"  asked again: {await store.EraseCreatorAsync(mayaId, catalog, clock)}");
        output.WriteLine();
    }

    // The same rules where the money is recorded: the ledger of a store opened for each actor.
    private static async Task MoveMoney(AccessControl access, (ActorId Finance, ActorId Deputy, ActorId Planner) actors, IClock clock, TextWriter output)
    {
        var store = new InMemoryMarketplaceStore();
        var (brand, creator) = (access.Workspaces[0].Brand!.Value, access.Workspaces[3].Creator!.Value);
        var deal = CollaborationId.From(Guid.Parse("0190c2b4-0000-7000-b000-000000000001"));
        await store.Collaborations.SaveAsync(Collaboration.FromHistory(
            [new CollaborationOpened(deal, Campaigns.Actor.Brand, clock.GetCurrentInstant(), CampaignId.From(Guid.Parse("0190c2b4-0000-7000-b000-000000000002")), brand, creator, [], CollaborationPolicy.Default)]));
        var charge = new EscrowLedger().Charge("glow-maya-charge", deal, brand, Money.Of(8_000m, Currency.USD), clock).GetValueOrThrow();
        output.WriteLine($"  {"the agency funds Glow's escrow",-42} {await Refusal(store.For(actors.Planner, access, clock).Ledger, charge, 0)}");
        var funded = (await store.For(actors.Finance, access, clock).Ledger.AppendAsync(charge, 0)).AsT0;
        output.WriteLine($"  {"Glow's finance funds it",-42} {funded.Transaction.Entries[0].Amount} into escrow");
        var release = EscrowLedger.FromTransactions([funded.Transaction])
            .Release("glow-maya-release", deal, creator, Money.Of(6_000m, Currency.USD), FeePolicy.None, clock).GetValueOrThrow();
        var ledger = store.For(actors.Finance, access, clock).Ledger;
        output.WriteLine($"  {"Glow's finance releases USD 6000.00",-42} {await Refusal(ledger, release, funded.LastSequence)}");
        var released = await ledger.ApprovedBy(actors.Deputy).AppendAsync(release, funded.LastSequence);
        output.WriteLine($"  {"  ... approved by a colleague",-42} {(released.IsAppended ? "released to Maya" : released.ToString())}");

        // Messages are kept as long as the retention policy says: a year on, an old message keeps its place and loses its text.
        var chat = (await store.Collaborations.FindAsync(deal))!;
        chat.SendMessage(Campaigns.Actor.Creator, "Ship the samples to Storgatan 1, Malmö", clock).ThrowIfNotAllowed();
        await store.Collaborations.SaveAsync(chat);
        var retention = MessageRetentionPolicy.Create("glow-chat", [MessageRetentionVersion.Create(Instant.MinValue, 180)]);
        var expired = await store.ExpireMessagesAsync(retention, new Later(clock, Duration.FromDays(365)));
        var kept = (await store.Collaborations.FindAsync(deal))!.Messages[^1];
        output.WriteLine($"  {"a year on, messages kept 180 days",-42} message {kept.Number} by {kept.Author} reads {kept.Body} ({expired})");
    }

    // A contract saved through the store of each person who acts on it: the store records who signed and who amended
    // it, and the change feed reads it back.
    private static async Task SignAndAmend(AccessControl access, (ActorId Counsel, ActorId Creator) actors, IClock clock, TextWriter output)
    {
        var store = new InMemoryMarketplaceStore();
        var (brand, creator) = (access.Workspaces[0].Brand!.Value, access.Workspaces[3].Creator!.Value);
        var postingDay = clock.GetCurrentInstant().InUtc().Date.PlusDays(7);
        var terms = new ContractTerms
        {
            Fee = Money.Parse("USD 1500.00"),
            Deliverables = [new ContractDeliverable("launch-video", DeliverableType.ShortVideo, Platform.TikTok, 1, PostingWindow.Create(postingDay.At(new LocalTime(9, 0)), postingDay.At(new LocalTime(18, 0)), DateTimeZone.Utc))],
            Revisions = new RevisionPolicy(2, Duration.FromHours(72)),
            PaymentTerms = new PaymentTermsReference("net-30"),
            Cancellation = new CancellationTerms(14, Money.Parse("USD 250.00")),
            Disclosure = new DisclosureDuty([Country.US]),
        };
        var counsel = store.For(actors.Counsel, access, clock);
        var contract = Contract.Draft(ContractId.From(Guid.Parse("0190c2b4-0000-7000-b000-000000000003")), brand, creator, terms, clock);
        contract.Send(clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).ThrowIfNotAllowed();
        await counsel.Contracts.SaveAsync(contract);
        var mayas = store.For(actors.Creator, access, clock);
        var hers = (await mayas.Contracts.FindAsync(contract.Id))!;
        hers.Sign(ContractParty.Creator, "Maya Lindqvist", 1, clock).ThrowIfNotAllowed();
        await mayas.Contracts.SaveAsync(hers);
        var amended = (await counsel.Contracts.FindAsync(contract.Id))!;
        amended.Amend(terms with { Fee = Money.Parse("USD 1800.00") }, "a second cut for paid use", clock).ThrowIfNotAllowed();
        await counsel.Contracts.SaveAsync(amended);

        var names = new Dictionary<ActorId, string> { [actors.Counsel] = "Glow's counsel", [actors.Creator] = "Maya" };
        foreach (var change in await store.Changes.ReadAsync(0))
        {
            var what = change.Event switch
            {
                ContractSigned signed => $"contract version {signed.Signature.Version} signed for the {signed.Signature.Party.ToString().ToLowerInvariant()}",
                ContractAmended amendment => $"contract amended to version {amendment.Version}",
                _ => null,
            };
            if (what is not null)
            {
                output.WriteLine($"  {what,-42} by {(change.ActedBy is { } actor ? names[actor] : "nobody known")}, as the store recorded");
            }
        }
    }

    // The application's clock, moved on: how the sample looks a year ahead.
    private sealed class Later(IClock clock, Duration by) : IClock
    {
        public Instant GetCurrentInstant() => clock.GetCurrentInstant() + by;
    }

    private static async Task<string> Refusal(ActorLedger ledger, LedgerTransaction transaction, long last)
    {
        try
        {
            return (await ledger.AppendAsync(transaction, last)).ToString();
        }
        catch (AccessDeniedException refused)
        {
            return $"refused: {refused.Denial.Reasons[0].Code}";
        }
    }

    private static void Write(TextWriter output, string what, AccessDecision decision)
    {
        var outcome = decision.Match(
            permitted => $"permitted as {permitted.Role}" + (permitted.Grant is null ? string.Empty : " through the agency's grant") +
                (permitted.SecondApprover is null ? string.Empty : ", with a second approver"),
            denied => denied.CanView ? $"forbidden: {denied.Reasons[0].Code}" : "not found (another workspace's)",
            approval => $"needs a second approver (above {approval.Threshold})");
        output.WriteLine($"  {what,-42} {outcome}");
    }

    private static WorkspaceId Workspace(int number) => WorkspaceId.From(Guid.Parse($"0190c2b4-0000-7000-a000-{number:D12}"));

    private static ActorId Actor(int number) => ActorId.From(Guid.Parse($"0190c2b4-0000-7000-8000-{number:D12}"));

    private static AccessGrantId Grant(int number) => AccessGrantId.From(Guid.Parse($"0190c2b4-0000-7000-9000-{number:D12}"));
}
