using CreatorMarketplace.AspNetCore;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Samples.Api;

/// <summary>
/// A campaign from invitation to payout, one POST per step, with the domain calls of the workflow sample's campaign
/// and payments steps: the campaign and its brief, an invitation, offers, the contract (drafted from the agreed
/// offer, signed, activated, attached), drafts, revisions, approval, the ad review, the post, its verification, the
/// payout. A step out of order is the aggregate's refusal, a 409 problem naming the action and the state.
/// </summary>
internal static class CampaignEndpoints
{
    /// <summary>The deliverable every campaign of the sample asks for, as the workflow sample's does.</summary>
    public const string Deliverable = "launch-video";

    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapPost("/", CreateAsync).WithSummary("Creates a campaign with its brief and opens it for recruiting.");
        campaigns.MapPost("/{id}/invitations", InviteAsync).WithSummary("Invites a creator: a new collaboration.");

        var collaborations = app.MapGroup("/collaborations/{id}").WithTags("Collaborations");
        collaborations.MapGet("/", FindCollaborationAsync).WithSummary("A collaboration: its status, offers, contract and deliverables.");
        collaborations.MapPost("/offers", OfferAsync).WithSummary("An offer or counter-offer at a price, for the brief's deliverables.");
        collaborations.MapPost("/offers/{number}/acceptance", AcceptAsync).WithSummary("Accepts an offer.");
        collaborations.MapPost("/contract", AttachAsync).WithSummary("Attaches the active contract.");
        collaborations.MapPost("/drafts", SubmitDraftAsync).WithSummary("Submits a draft of the deliverable.");
        collaborations.MapPost("/revision-requests", RequestRevisionAsync).WithSummary("Asks for a revision of the latest draft.");
        collaborations.MapPost("/approval", ApproveAsync).WithSummary("Approves the latest draft.");
        collaborations.MapPost("/ad-review", RecordAdReviewAsync).WithSummary("Records the platform's ad review.");
        collaborations.MapPost("/post", RecordPostAsync).WithSummary("Records the published post.");
        collaborations.MapPost("/verification", VerifyAsync).WithSummary("Verifies the post is live and disclosed.");
        collaborations.MapPost("/payout", PayOutAsync).WithSummary("Pays the creator what the escrow holds for them.");

        var contracts = app.MapGroup("/contracts").WithTags("Contracts");
        contracts.MapPost("/", DraftContractAsync).WithSummary("Drafts and sends the contract of a collaboration's agreed offer.");
        contracts.MapPost("/{id}/signatures", SignAsync).WithSummary("Signs the contract's current version.");
        contracts.MapPost("/{id}/activation", ActivateAsync).WithSummary("Puts the signed contract in force.");
        return app;
    }

    private static Task<IResult> CreateAsync(NewCampaign request, IRepository<Campaign, CampaignId> campaigns, IClock clock, CancellationToken cancellationToken)
    {
        var zone = DateTimeZoneProviders.Tzdb[request.TimeZone];
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        var plan = new CampaignPlan
        {
            Name = request.Name,
            Objective = CampaignObjective.Awareness,
            Budget = request.Budget,
            TargetMarkets = [request.Market],
            Timeline = CampaignTimeline.Create(today, today.PlusDays(60), zone),
            Categories = [request.Category],
            Kpis = [new CampaignKpi("views", 2_000_000m)],
        };
        var campaign = Campaign.Create(EntityId.New<CampaignId>(clock), request.Brand, plan, clock);
        var brief = new Brief
        {
            Objectives = [request.Objective],
            KeyMessages = [request.KeyMessage],
            CreativeGuidelines = "natural light, 20–40 seconds, product in hand in the first 3 seconds",
            MandatoryDisclosure = ["ad"],
            Hashtags = [request.Hashtag],
            Deliverables = [new BriefDeliverable(DeliverableType.ShortVideo, Platform.TikTok, 1, today.PlusDays(21))],
        };
        var opened = campaign.SetBrief(brief, clock);
        return opened.IsDone ? RecruitAsync() : Task.FromResult(opened.ToHttpResult());

        Task<IResult> RecruitAsync()
        {
            campaign.StartRecruiting(clock).ThrowIfNotAllowed();
            return campaigns.SaveAndAnswerAsync(campaign, saved => TypedResults.Created($"/campaigns/{saved.Id}", CampaignView.Of(saved)), cancellationToken);
        }
    }

    private static async Task<IResult> InviteAsync(
        CampaignId id,
        Invitation request,
        IRepository<Campaign, CampaignId> campaigns,
        IRepository<Creator, CreatorId> creators,
        IRepository<Collaboration, CollaborationId> collaborations,
        CollaborationPolicy policy,
        IClock clock,
        CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(id, cancellationToken) is not { } campaign)
        {
            return MarketplaceResults.NotFound<CampaignId>();
        }

        if (await creators.FindAsync(request.Creator, cancellationToken) is null)
        {
            return MarketplaceResults.NotFound<CreatorId>();
        }

        var invited = Collaboration.Invite(EntityId.New<CollaborationId>(clock), campaign, request.Creator, clock, policy);
        return invited.IsDone
            ? await collaborations.SaveAndAnswerAsync(invited.GetValueOrThrow(), saved => TypedResults.Created($"/collaborations/{saved.Id}", CollaborationView.Of(saved)), cancellationToken)
            : invited.ToHttpResult(_ => TypedResults.NoContent());
    }

    private static Task<IResult> FindCollaborationAsync(CollaborationId id, IRepository<Collaboration, CollaborationId> collaborations, CancellationToken cancellationToken) =>
        collaborations.WithAsync(id, collaboration => Task.FromResult(Answer(collaboration)), cancellationToken);

    private static Task<IResult> OfferAsync(
        CollaborationId id,
        NewOffer request,
        IRepository<Collaboration, CollaborationId> collaborations,
        IRepository<Campaign, CampaignId> campaigns,
        IClock clock,
        CancellationToken cancellationToken) =>
        collaborations.RunAsync(
            id,
            async collaboration =>
            {
                var campaign = await campaigns.FindAsync(collaboration.Campaign, cancellationToken) ?? throw new InvalidOperationException($"The campaign of collaboration {id} is not stored.");
                var zone = campaign.Plan.Timeline.Zone;
                var rights = new UsageGrant
                {
                    Channels = [UsageChannel.Organic, UsageChannel.PaidAmplification],
                    Territories = Territories.Of(campaign.Plan.TargetMarkets),
                    Term = RightsTerm.For(clock.GetCurrentInstant().InZone(zone).Date.AtStartOfDayInZone(zone), Period.FromMonths(3)),
                };
                var terms = new OfferTerms(request.Price, campaign.Brief!.Deliverables, [rights]);
                return collaboration.MakeOffer(request.From, terms, clock.GetCurrentInstant() + Duration.FromDays(request.ValidDays), clock);
            },
            Answer,
            cancellationToken);

    private static Task<IResult> AcceptAsync(CollaborationId id, int number, Party request, IRepository<Collaboration, CollaborationId> collaborations, IClock clock, CancellationToken cancellationToken) =>
        collaborations.RunAsync(id, collaboration => collaboration.AcceptOffer(request.By, number, clock), Answer, cancellationToken);

    private static async Task<IResult> DraftContractAsync(
        ContractDraft request,
        IRepository<Collaboration, CollaborationId> collaborations,
        IRepository<Creator, CreatorId> creators,
        IRepository<Contract, ContractId> contracts,
        IClock clock,
        CancellationToken cancellationToken)
    {
        if (await collaborations.FindAsync(request.Collaboration, cancellationToken) is not { } collaboration)
        {
            return MarketplaceResults.NotFound<CollaborationId>();
        }

        if (collaboration.AgreedOffer is not { } agreed)
        {
            return ((CommandResult)new NotAllowed("draft contract", collaboration.Status.Name, "a contract is drafted from an agreed offer, and none is agreed.")).ToHttpResult();
        }

        var creator = await creators.FindAsync(collaboration.Creator, cancellationToken) ?? throw new InvalidOperationException($"The creator of collaboration {collaboration.Id} is not stored.");

        // Posting opens today in the creator's zone and closes on the evening the brief's deliverable is due.
        var zone = creator.Profile.TimeZone;
        var due = agreed.Terms.Deliverables[0].Due;
        var window = PostingWindow.Create(clock.GetCurrentInstant().InZone(zone).Date.AtMidnight(), due.At(new LocalTime(21, 0)), zone);
        var contract = Contract.Draft(EntityId.New<ContractId>(clock), collaboration.Brand, collaboration.Creator, new ContractTerms
        {
            Fee = agreed.Terms.Price,
            Deliverables = [new ContractDeliverable(Deliverable, DeliverableType.ShortVideo, Platform.TikTok, 1, window)],
            Revisions = new RevisionPolicy(1, Duration.FromHours(72)),
            Grants = agreed.Terms.Rights,
            PaymentTerms = new PaymentTermsReference("net-30"),
            Cancellation = new CancellationTerms(7, Money.Of(200m, agreed.Terms.Price.Currency)),
            Disclosure = new DisclosureDuty([.. agreed.Terms.Rights.SelectMany(grant => grant.Territories.Countries).Distinct()]),
        }, clock);
        contract.Send(clock).ThrowIfNotAllowed();
        return await contracts.SaveAndAnswerAsync(contract, saved => TypedResults.Created($"/contracts/{saved.Id}", ContractView.Of(saved)), cancellationToken);
    }

    private static Task<IResult> SignAsync(ContractId id, Signature request, IRepository<Contract, ContractId> contracts, IClock clock, CancellationToken cancellationToken) =>
        contracts.RunAsync(id, contract => contract.Sign(request.Party, request.Signer, contract.Current.Number, clock), contract => TypedResults.Ok(ContractView.Of(contract)), cancellationToken);

    private static Task<IResult> ActivateAsync(ContractId id, IRepository<Contract, ContractId> contracts, IClock clock, CancellationToken cancellationToken) =>
        contracts.RunAsync(id, contract => contract.Activate(clock), contract => TypedResults.Ok(ContractView.Of(contract)), cancellationToken);

    private static async Task<IResult> AttachAsync(
        CollaborationId id,
        Attachment request,
        IRepository<Collaboration, CollaborationId> collaborations,
        IRepository<Contract, ContractId> contracts,
        IClock clock,
        CancellationToken cancellationToken) =>
        await contracts.FindAsync(request.Contract, cancellationToken) is { } contract
            ? await collaborations.RunAsync(id, collaboration => collaboration.AttachContract(contract, [], clock), Answer, cancellationToken)
            : MarketplaceResults.NotFound<ContractId>();

    private static Task<IResult> SubmitDraftAsync(CollaborationId id, DraftContent request, IRepository<Collaboration, CollaborationId> collaborations, IClock clock, CancellationToken cancellationToken) =>
        collaborations.RunAsync(id, collaboration => collaboration.SubmitDraft(Deliverable, request.Content, clock), Answer, cancellationToken);

    private static Task<IResult> RequestRevisionAsync(CollaborationId id, RevisionNotes request, IRepository<Collaboration, CollaborationId> collaborations, IClock clock, CancellationToken cancellationToken) =>
        collaborations.RunAsync(id, collaboration => collaboration.RequestRevision(Deliverable, request.Notes, clock), Answer, cancellationToken);

    private static Task<IResult> ApproveAsync(CollaborationId id, IRepository<Collaboration, CollaborationId> collaborations, IClock clock, CancellationToken cancellationToken) =>
        collaborations.RunAsync(id, collaboration => collaboration.ApproveContent(Deliverable, clock), Answer, cancellationToken);

    private static Task<IResult> RecordAdReviewAsync(CollaborationId id, AdReview request, IRepository<Collaboration, CollaborationId> collaborations, IClock clock, CancellationToken cancellationToken) =>
        collaborations.RunAsync(id, collaboration => collaboration.RecordAdReview(Deliverable, request.Passed, request.Reason, clock), Answer, cancellationToken);

    private static Task<IResult> RecordPostAsync(CollaborationId id, PublishedPost request, IRepository<Collaboration, CollaborationId> collaborations, IClock clock, CancellationToken cancellationToken) =>
        collaborations.RunAsync(id, collaboration => collaboration.RecordPost(Deliverable, new PostRecord(request.PlatformPostId, request.Url, clock.GetCurrentInstant()), clock), Answer, cancellationToken);

    private static Task<IResult> VerifyAsync(
        CollaborationId id,
        PostCheck request,
        IRepository<Collaboration, CollaborationId> collaborations,
        IRepository<Contract, ContractId> contracts,
        IClock clock,
        CancellationToken cancellationToken) =>
        collaborations.RunAsync(
            id,
            async collaboration =>
            {
                // Without a contract there is no disclosure duty to check against: the collaboration refuses the step itself.
                var disclosure = collaboration.Contract is { } contractId && await contracts.FindAsync(contractId, cancellationToken) is { InForce: { } inForce }
                    ? inForce.Terms.Disclosure.Check(request.Caption, request.BrandedContentFlag)
                    : new DisclosureDuty([]).Check(request.Caption, request.BrandedContentFlag);
                return collaboration.Verify(Deliverable, request.Live, disclosure, Actor.Brand, clock);
            },
            Answer,
            cancellationToken);

    private static Task<IResult> PayOutAsync(
        CollaborationId id,
        IRepository<Collaboration, CollaborationId> collaborations,
        IRepository<Contract, ContractId> contracts,
        FeePolicy fees,
        RefundPolicy refunds,
        IClock clock,
        CancellationToken cancellationToken) =>
        collaborations.WithAsync(id, collaboration => PayCreatorAsync(collaboration, contracts, fees, refunds, clock, cancellationToken), cancellationToken);

    private static async Task<IResult> PayCreatorAsync(Collaboration collaboration, IRepository<Contract, ContractId> contracts, FeePolicy fees, RefundPolicy refunds, IClock clock, CancellationToken cancellationToken)
    {
        // The escrow of this collaboration, from its events as the workflow's payments step posts them; the gateway,
        // the tax forms and the rates are the Testing package's fakes, which an application replaces with its own.
        var contract = collaboration.Contract is { } contractId ? await contracts.FindAsync(contractId, cancellationToken) : null;
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, fees, refunds);
        foreach (var e in collaboration.History)
        {
            payments.Handle(e, contract, clock);
        }

        var currency = collaboration.AgreedOffer?.Terms.Price.Currency ?? Currency.USD;
        var owed = ledger.Balance(LedgerAccount.CreatorPayable(collaboration.Creator), currency);
        if (!owed.IsPositive)
        {
            return ((CommandResult)new NotAllowed("pay out", collaboration.Status.Name, "the escrow holds nothing for the creator yet: it is released when the content is approved.")).ToHttpResult();
        }

        var desk = new PayoutDesk(ledger, new FakeExchangeRates(), new FakeTaxForms().File(collaboration.Creator, TaxForm.W9), new FakePayoutGateway(), clock);
        var paid = await desk.PayAsync(EntityId.New<PayoutId>(clock), collaboration.Creator, collaboration.Brand, owed, currency, cancellationToken);
        return paid.Match(
            payout => TypedResults.Ok(new PayoutView(payout.Id, payout.Amount, payout.Status.Name, payout.Reference)),
            rejection => ((CommandResult)new NotAllowed("pay out", collaboration.Status.Name, rejection.ToString())).ToHttpResult());
    }

    private static IResult Answer(Collaboration collaboration) => TypedResults.Ok(CollaborationView.Of(collaboration));
}
