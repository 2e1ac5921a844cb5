using CreatorMarketplace;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 5: a contract with usage rights. It is drafted, signed and amended; the rights report answers "may we run
/// this as a Spark Ad in Germany next month?" and "what expires in the next 30 days?"; exclusivity keeps a rival's
/// offer out; and a posted caption is checked for disclosure.
/// </summary>
internal static class ContractsStep
{
    private static readonly BrandId Rival = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8058"));
    private static readonly IndustryLabel Cosmetics = new("cosmetics");

    public static async Task Run(IClock clock, Creator maya, ICreatorCatalog catalog, TextWriter output)
    {
        output.WriteLine("Step 5: contracts and usage rights");
        var now = clock.GetCurrentInstant();
        var zone = maya.Profile.TimeZone;
        var today = now.InZone(zone).Date;
        var brand = EntityId.New<BrandId>(clock);

        // 1. The terms: one TikTok video posted next week in Maya's zone, organic and paid use in North America for
        //    three months, web use worldwide for one month, 60 days of cosmetics exclusivity.
        var postingDay = today.PlusDays(7);
        var video = new ContractDeliverable(
            "launch-video",
            DeliverableType.ShortVideo,
            Platform.TikTok,
            1,
            PostingWindow.Create(postingDay.At(new LocalTime(9, 0)), postingDay.At(new LocalTime(18, 0)), zone));
        var start = today.AtStartOfDayInZone(zone);
        var terms = new ContractTerms
        {
            Fee = Money.Parse("USD 1500.00"),
            Deliverables = [video],
            Revisions = new RevisionPolicy(2, Duration.FromHours(72)),
            Grants =
            [
                new UsageGrant { Channels = [UsageChannel.Organic, UsageChannel.PaidAmplification], Territories = Territories.Of(Country.US, Country.CA), Term = RightsTerm.For(start, Period.FromMonths(3)), Edits = [ContentEdit.Captions] },
                new UsageGrant { Channels = [UsageChannel.Web], Territories = Territories.Worldwide, Term = RightsTerm.For(start, Period.FromDays(20)) },
            ],
            Exclusivity = new Exclusivity { Categories = [Cosmetics], Competitors = [Rival], Start = now, End = now + Duration.FromDays(60) },
            PaymentTerms = new PaymentTermsReference("net-30"),
            Cancellation = new CancellationTerms(14, Money.Parse("USD 250.00")),
            Disclosure = new DisclosureDuty([Country.US, Country.CA]),
        };
        var contract = Contract.Draft(EntityId.New<ContractId>(clock), brand, maya.Id, terms, clock);
        contract.Send(clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Maya Makes", 1, clock).ThrowIfNotAllowed();
        contract.Activate(clock).ThrowIfNotAllowed();
        output.WriteLine($"  Contract with {maya.PrimaryAccount.Handle} for {terms.Fee}: {contract.Status}, version {contract.InForce!.Number} in force");
        output.WriteLine($"    {video} ({video.Window.Length.TotalHours:0} hours)");
        for (var i = 0; i < terms.Grants.Count; i++)
        {
            output.WriteLine($"    grant {i + 1}: {terms.Grants[i]}");
        }

        output.WriteLine($"    exclusivity: {terms.Exclusivity}");

        // 2. "May we run this as a Spark Ad in Germany next month?"
        var nextMonth = now + Duration.FromDays(30);
        var sparkInGermany = new UsageRequest("launch-video", UsageChannel.PaidAmplification, Country.DE, nextMonth);
        output.WriteLine();
        output.WriteLine("  May we run launch-video as a Spark Ad in Germany next month?");
        WriteDecision(output, contract.MayUse(sparkInGermany));

        // 3. An amendment adds Germany and raises the fee; it binds once both have signed it.
        var amended = terms with
        {
            Fee = Money.Parse("USD 1800.00"),
            Grants = [terms.Grants[0] with { Territories = Territories.Of(Country.US, Country.CA, Country.DE) }, terms.Grants[1]],
        };
        contract.Amend(amended, "Germany added for paid use", clock).ThrowIfNotAllowed();
        output.WriteLine();
        output.WriteLine($"  Amendment, version {contract.Current.Number} (\"{contract.Current.Note}\"):");
        foreach (var change in contract.ChangesIn(contract.Current.Number))
        {
            output.WriteLine($"    {change}");
        }

        contract.Sign(ContractParty.Creator, "Maya Makes", 2, clock).ThrowIfNotAllowed();
        output.WriteLine($"  Signed by the creator only: version {contract.InForce.Number} still in force");
        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).ThrowIfNotAllowed();
        output.WriteLine($"  Signed by both: version {contract.InForce.Number} in force");

        // 4. Spark Ads: the brand asks for 30 days, the creator approves 60 and issues the code.
        var spark = SparkAdsAuthorization.Request(contract.Id, "launch-video", "7301542987100", 30, clock)
            .Accept("sample-auth-code", clock, approvedDays: 60).GetValueOrThrow();
        output.WriteLine($"  Spark Ads {spark}");
        output.WriteLine("  Next month in Germany, with the amendment and the authorisation:");
        WriteDecision(output, contract.MayUse(sparkInGermany, spark));
        output.WriteLine("  The same in four months:");
        WriteDecision(output, contract.MayUse(sparkInGermany with { At = now + Duration.FromDays(120) }, spark));

        // 5. The reminder job: what expires in the next 30 days, across contracts.
        var others = (await catalog.SearchAsync(new CreatorQuery { Sort = CreatorSort.Followers, PageSize = 2, IncludeFacets = false })).AsT0.Items;
        var contracts = new List<Contract> { contract };
        foreach (var (creator, days) in others.Zip([12, 45]))
        {
            var grant = terms.Grants[0] with { Term = RightsTerm.Between(now - Duration.FromDays(30), now + Duration.FromDays(days)) };
            var other = Contract.Draft(EntityId.New<ContractId>(clock), brand, creator.Id, terms with { Grants = [grant] }, clock);
            other.Send(clock).ThrowIfNotAllowed();
            other.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).ThrowIfNotAllowed();
            other.Sign(ContractParty.Creator, creator.Profile.DisplayName, 1, clock).ThrowIfNotAllowed();
            contracts.Add(other);
        }

        var handles = others.Select(c => (c.Id, c.PrimaryAccount.Handle.ToString())).Append((maya.Id, maya.PrimaryAccount.Handle.ToString())).ToDictionary();
        output.WriteLine();
        output.WriteLine($"  Rights expiring in the next 30 days, across {contracts.Count} contracts:");
        DiscoveryStep.WriteTable(
            output,
            ["expires", "creator", "grant", "channels", "territories"],
            RightsCalendar.ExpiringGrants(contracts, now, Duration.FromDays(30)).Select(e => new object?[]
            {
                e.ExpiresAt.InZone(zone).ToString("yyyy-MM-dd HH:mm x", null), handles[e.Creator], e.GrantNumber, string.Join(", ", e.Grant.Channels), e.Grant.Territories,
            }));

        // 6. Exclusivity: a rival's cosmetics offer next week conflicts; discovery leaves those creators out.
        var offer = new ProposedEngagement(Rival, [Cosmetics], now + Duration.FromDays(7), now + Duration.FromDays(21));
        output.WriteLine();
        output.WriteLine("  A rival's cosmetics offer next week:");
        foreach (var conflict in ExclusivityConflicts.For(contracts, maya.Id, offer))
        {
            output.WriteLine($"    conflict: {conflict.Reason}");
        }

        var top = new CreatorQuery { Sort = CreatorSort.Followers, PageSize = 5, IncludeFacets = false };
        var free = (await catalog.SearchAsync(top with { Excluded = ExclusivityConflicts.CreatorsInConflict(contracts, offer) })).AsT0;
        output.WriteLine($"    the rival's search leaves out {(await catalog.SearchAsync(top)).AsT0.TotalCount - free.TotalCount} creators under its competitor's exclusivity; its top result is now {free.Items[0].PrimaryAccount.Handle}");

        // 7. Disclosure of the posted caption, in the contract's jurisdictions.
        const string Caption = "My new morning routine ✨ #skincare #glowlabs";
        output.WriteLine();
        output.WriteLine($"  Disclosure of \"{Caption}\" with TikTok's branded-content toggle on:");
        foreach (var missing in amended.Disclosure.Check(Caption, brandedContentFlag: true).Missing)
        {
            output.WriteLine($"    {missing}");
        }

        output.WriteLine($"  With #ad added: {amended.Disclosure.Check(Caption + " #ad", brandedContentFlag: true)}");

        // 8. A refused action names the action and the state, and changes nothing.
        output.WriteLine();
        output.WriteLine($"  Signing version 1 again: {contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock)}");
        output.WriteLine();
    }

    private static void WriteDecision(TextWriter output, RightsDecision decision)
    {
        if (decision.IsPermitted)
        {
            output.WriteLine($"    permitted by grant {decision.AsT0.GrantNumber} of version {decision.AsT0.Version}: {decision.AsT0.Grant}");
            return;
        }

        output.WriteLine("    denied:");
        foreach (var reason in decision.Reasons)
        {
            output.WriteLine($"      {reason.Code}: {reason.Message}");
        }
    }
}
