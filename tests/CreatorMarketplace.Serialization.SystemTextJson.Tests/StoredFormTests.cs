using FsCheck.Fluent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Payments;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>Aggregates' stored forms: each written, read and restored gives the aggregate back, member for member.</summary>
public class StoredFormTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 30, 9, 0), Duration.FromSeconds(1));

    [Property(MaxTest = 100)]
    public Property Creators_round_trip_through_their_stored_form() =>
        Prop.ForAll(AggregateGenerators.Creators().ToArbitrary(), creator => RoundTrips(creator, StoredFormats.Current.Creator));

    [Property(MaxTest = 100)]
    public Property Campaigns_round_trip_through_their_stored_form() =>
        Prop.ForAll(AggregateGenerators.Campaigns().ToArbitrary(), campaign => RoundTrips(campaign, StoredFormats.Current.Campaign));

    [Property(MaxTest = 100)]
    public Property Collaborations_round_trip_through_their_stored_form() =>
        Prop.ForAll(AggregateGenerators.Collaborations().ToArbitrary(), collaboration => RoundTrips(collaboration, StoredFormats.Current.Collaboration));

    [Property(MaxTest = 100)]
    public Property Contracts_round_trip_through_their_stored_form() =>
        Prop.ForAll(AggregateGenerators.Contracts().ToArbitrary(), contract => RoundTrips(contract, StoredFormats.Current.Contract));

    [Property(MaxTest = 100)]
    public Property Invoices_round_trip_through_their_stored_form() =>
        Prop.ForAll(AggregateGenerators.Invoices().ToArbitrary(), invoice => RoundTrips(invoice, StoredFormats.Current.Invoice));

    [Property(MaxTest = 100)]
    public Property Saved_searches_round_trip_through_their_stored_form() =>
        Prop.ForAll(AggregateGenerators.SavedSearches().ToArbitrary(), search => RoundTrips(search, StoredFormats.Current.SavedSearch));

    [Property(MaxTest = 100)]
    public Property A_saved_search_read_back_takes_its_own_query_as_no_change() =>
        Prop.ForAll(AggregateGenerators.SavedSearches().ToArbitrary(), search =>
        {
            var schema = StoredFormats.Current.SavedSearch;
            var restored = SavedSearch.FromSnapshot(schema.Read(schema.Write(search.ToSnapshot()), 1), 1);
            restored.Change(search.Name, search.Query, Clock);
            return (restored.PendingEvents.Count == 0).Label("its own query changes nothing")
                .And(restored.Query.Equals(search.Query).Label("the query reads back equal"));
        });

    [Property(MaxTest = 100)]
    public Property Creator_listings_round_trip_member_for_member() =>
        Prop.ForAll(AggregateGenerators.Creators().ToArbitrary(), creator =>
        {
            var listing = creator.ToListing();
            var json = Json.Write(listing);
            var read = Json.Read<CreatorListing>(json);

            // Equal, and written the same: a distribution's buckets keep their order, which decides its major bucket.
            return read.Equals(listing).Label("the listing reads back equal")
                .And((Json.Write(read) == json).Label("the listing read back is written the same"));
        });

    [Fact]
    public void A_listing_is_an_object_of_its_members_checked_as_a_creators_are()
    {
        var creator = new CreatorGenerator(3, Clock).Next();
        var listing = creator.ToListing();
        var document = JsonNode.Parse(Json.Write(listing))!.AsObject();

        document.Select(member => member.Key).ShouldBe(["id", "version", "registeredAt", "profile", "accounts", "audience", "rateCard", "badges", "onVacation", "pastCampaignCount", "complianceHistory"]);
        document["id"]!.GetValue<string>().ShouldBe(listing.Id.ToString());
        document["version"]!.GetValue<long>().ShouldBe(listing.Version);
        Json.Read<CreatorListing>(document.ToJsonString()).ShouldBe(listing);

        var accounts = document["accounts"]!.AsArray();
        accounts.Add(accounts[0]!.DeepClone());
        document["badges"] = new JsonArray("Responsive", "Responsive");
        var error = Json.Refuse<CreatorListing>(document.ToJsonString());
        error.Message.ShouldStartWith("$: CreatorListing: ");
        error.Message.ShouldContain("accounts[1].handle");
        error.Message.ShouldContain("badges[1]");
        error.InnerException.ShouldBeOfType<DomainValidationException>().Errors.Select(e => e.Code).ShouldBe(["creator.platform_repeated", "creator.badge_repeated"]);

        document.Remove("pastCampaignCount");
        Json.Refuse<CreatorListing>(document.ToJsonString()).Message.ShouldBe("$: CreatorListing.pastCampaignCount: is missing; every member is required (an absent value is written as null).");
    }

    [Property(MaxTest = 100)]
    public Property Every_event_the_aggregates_raise_round_trips_by_its_stored_name() =>
        Prop.ForAll(
            Gen.OneOf(
                AggregateGenerators.Creators().Select(a => a.PendingEvents),
                AggregateGenerators.Campaigns().Select(a => a.PendingEvents),
                AggregateGenerators.Collaborations().Select(a => a.PendingEvents),
                AggregateGenerators.Contracts().Select(a => a.PendingEvents),
                AggregateGenerators.SavedSearches().Select(a => a.PendingEvents)).ToArbitrary(),
            events => events.Select(e =>
            {
                var stored = DomainEventJson.Write(e);
                var read = DomainEventJson.Read(stored.TypeName, stored.Json);
                return (read.GetType() == e.GetType()).Label($"{stored.TypeName} reads back as its own type")
                    .And((DomainEventJson.Write(read) == stored).Label($"{stored.TypeName} read back is written the same"));
            }).Aggregate(true.ToProperty(), (all, each) => all.And(each)));

    [Fact]
    public void Every_event_type_has_its_own_stored_name()
    {
        var eventTypes = typeof(IDomainEvent).Assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDomainEvent).IsAssignableFrom(t)).ToArray();

        DomainEventJson.TypeNames.Count.ShouldBe(eventTypes.Length);
        DomainEventJson.TypeNames.ShouldContain(nameof(ContractSigned));
        Should.Throw<JsonException>(() => DomainEventJson.Read("ContractBurned", "{}")).Message.ShouldStartWith("'ContractBurned' is not the name of an event type");
    }

    [Fact]
    public void A_collaboration_history_names_each_event_and_reads_it_wherever_the_name_stands()
    {
        var collaboration = AggregateGenerators.Collaborations().Sample(1, new Rnd(7), 30)[0];
        var json = StoredFormats.Current.Collaboration.Write(collaboration.ToSnapshot());
        var document = JsonNode.Parse(json)!.AsObject();
        var first = document["history"]!.AsArray()[0]!.AsObject();
        first["$type"]!.GetValue<string>().ShouldBe(nameof(CollaborationOpened));

        // The type member moved to the end, as a tool that reorders members would leave it.
        var type = first["$type"]!.GetValue<string>();
        first.Remove("$type");
        first["$type"] = type;
        var read = StoredFormats.Current.Collaboration.Read(document.ToJsonString(), 1);

        StoredFormats.Current.Collaboration.Write(read).ShouldBe(json);
        first["$type"] = "CollaborationExploded";
        Should.Throw<JsonException>(() => StoredFormats.Current.Collaboration.Read(document.ToJsonString(), 1)).Message.ShouldContain("'CollaborationExploded' is not a CollaborationEvent");
    }

    [Property(MaxTest = 200)]
    public Property A_version_1_collaboration_history_is_upgraded_to_the_events_its_commands_record_now() =>
        Prop.ForAll(AggregateGenerators.Collaborations().ToArbitrary(), collaboration =>
            Upgraded(collaboration, 1, type => type switch
            {
                nameof(OfferAccepted) => ["brand"],
                nameof(ContentApproved) => ["deliverableApproved", "allApproved", "contractVersion"],
                nameof(AdReviewRecorded) => ["allApproved", "contractVersion"],
                nameof(ContractAttached) => ["contractVersion"],
                nameof(CollaborationCancelled) => ["brand", "creator", "agreedPrice"],
                _ => [],
            }));

    [Property(MaxTest = 200)]
    public Property A_version_2_collaboration_history_is_upgraded_to_name_no_contract_version_and_loads() =>
        Prop.ForAll(AggregateGenerators.Collaborations().ToArbitrary(), collaboration =>
            Upgraded(collaboration, 2, type => type is nameof(ContentApproved) or nameof(AdReviewRecorded) or nameof(ContractAttached) ? ["contractVersion"] : []));

    // The collaboration's document as an older schema wrote it (the members a later one added removed), upgraded: it
    // is the current document naming no contract version, which no older history recorded, and it loads.
    private static Property Upgraded(Collaboration collaboration, int version, Func<string, string[]> added)
    {
        var schema = StoredFormats.Current.Collaboration;
        var document = JsonNode.Parse(schema.Write(collaboration.ToSnapshot()))!.AsObject();
        foreach (var e in document["history"]!.AsArray().Select(e => e!.AsObject()))
        {
            Array.ForEach(added(e["$type"]!.GetValue<string>()), member => e.Remove(member).ShouldBeTrue(member));
        }

        var upgraded = schema.Read(document.ToJsonString(), version);
        var expected = collaboration.ToSnapshot() with
        {
            History = [.. collaboration.History.Select(e => e switch
            {
                ContractAttached attached => attached with { ContractVersion = null },
                ContentApproved approved => approved with { ContractVersion = null },
                AdReviewRecorded review => review with { ContractVersion = null },
                _ => e,
            })],
        };
        var json = schema.Write(expected);

        return (schema.Write(upgraded) == json).Label("the upgraded history is written as the current one, naming no contract version")
            .And((schema.Write(Collaboration.FromSnapshot(upgraded, 1).ToSnapshot()) == json).Label("the upgraded history loads, its commands recording it again"));
    }

    [Fact]
    public void An_older_document_is_upgraded_step_by_step_and_a_newer_or_unbridged_one_is_refused()
    {
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(Clock), EntityId.New<BrandId>(Clock), "Spring", Clock);
        var json = StoredFormats.Current.Shortlist.Write(shortlist.ToSnapshot());
        var steps = new List<int>();
        var v3 = new SnapshotSchema<ShortlistSnapshot>("Shortlist", 3)
            .WithUpgrade(2, document => { steps.Add(2); document["name"] = document["name"]!.GetValue<string>() + " v3"; return document; })
            .WithUpgrade(1, document => { steps.Add(1); document["name"] = document["name"]!.GetValue<string>() + " v2"; return document; });

        v3.Read(json, 1).Name.ShouldBe("Spring v2 v3");
        steps.ShouldBe([1, 2]);
        v3.Read(json, 3).Name.ShouldBe("Spring", "a current document is read as it is");
        v3.UpgradesFrom.ShouldBe([1, 2]);
        Should.Throw<JsonException>(() => StoredFormats.Current.Shortlist.Read(json, 2)).Message.ShouldBe("Shortlist snapshot: written under schema version 2, newer than version 1 that this release reads.");
        Should.Throw<JsonException>(() => new SnapshotSchema<ShortlistSnapshot>("Shortlist", 3).WithUpgrade(2, d => d).Read(json, 1)).Message.ShouldBe("Shortlist snapshot: no upgrade from schema version 1 to 2.");
        Should.Throw<ArgumentException>(() => v3.WithUpgrade(1, d => d));
        Should.Throw<ArgumentOutOfRangeException>(() => v3.WithUpgrade(3, d => d));
    }

    [Fact]
    public void A_stored_document_that_breaks_a_value_rule_is_refused_naming_the_aggregate_and_the_member()
    {
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(Clock), EntityId.New<BrandId>(Clock), "Spring", Clock);
        var document = JsonNode.Parse(StoredFormats.Current.Shortlist.Write(shortlist.ToSnapshot()))!.AsObject();
        document["owner"] = "not-a-uuid";

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.Shortlist.Read(document.ToJsonString(), 1));

        error.Message.ShouldStartWith("Shortlist snapshot (schema version 1): $.owner: 'not-a-uuid' is not a BrandId");
        error.Path.ShouldBe("$.owner");
    }

    [Fact]
    public void An_invoice_stored_before_parties_reads_as_no_workspaces_and_parties_are_written_and_checked()
    {
        var (brand, creator) = (BrandId.From(Guid.Parse("00000000-0000-0000-0001-000000000001")), CreatorId.From(Guid.Parse("00000000-0000-0000-0002-000000000002")));
        var schema = StoredFormats.Current.Invoice;
        var invoice = Invoice.Draft(InvoiceId.From(Guid.NewGuid()), "Maya Makes LLC", "Acme", Currency.USD, new LocalDate(2026, 7, 1), InvoiceParties.Between(brand, creator));
        var document = JsonNode.Parse(schema.Write(invoice.ToSnapshot()))!.AsObject();
        document["parties"]!.ToJsonString().ShouldBe($$"""{"brand":"{{brand}}","creator":"{{creator}}"}""");
        schema.Version.ShouldBe(3);
        schema.UpgradesFrom.ShouldBe([1, 2]);
        schema.Restore<Invoice>(document.ToJsonString(), 3, 1).Parties.ShouldBe(invoice.Parties);

        document.Remove("parties");
        document.Remove("creditLimit");
        schema.Restore<Invoice>(document.ToJsonString(), 1, 1).Parties.ShouldBeNull("a version 1 invoice named no parties");
        Should.Throw<JsonException>(() => schema.Restore<Invoice>(document.ToJsonString(), 3, 1)).Message.ShouldContain("parties");
        document["creditLimit"] = null;
        document["parties"] = JsonNode.Parse("""{"brand":null,"creator":null}""");
        Should.Throw<JsonException>(() => schema.Restore<Invoice>(document.ToJsonString(), 3, 1)).Message.ShouldContain("$.parties.brand: InvoiceParties.brand: an invoice's parties name a brand, a creator or both");
    }

    [Fact]
    public void A_credit_note_keeps_its_limit_and_one_stored_before_the_limit_reads_with_none()
    {
        var clock = new NodaTime.Testing.FakeClock(NodaTime.Instant.FromUtc(2026, 7, 1, 12, 0));
        var schema = StoredFormats.Current.Invoice;
        var invoice = Invoice.Draft(InvoiceId.From(Guid.NewGuid()), "Maya Makes LLC", "Acme", Currency.USD, new LocalDate(2026, 7, 1));
        invoice.AddLine(new InvoiceLine("Launch video", 1, Money.Of(100m, Currency.USD))).ThrowIfNotAllowed();
        invoice.Issue(new DocumentNumbering("INV-"), clock).ThrowIfNotAllowed();
        var note = invoice.CreditNote(InvoiceId.From(Guid.NewGuid())).GetValueOrThrow();
        var document = JsonNode.Parse(schema.Write(note.ToSnapshot()))!.AsObject();

        schema.Restore<Invoice>(document.ToJsonString(), 3, 1).CreditLimit.ShouldBe(Money.Of(100m, Currency.USD));
        document.Remove("creditLimit");
        schema.Restore<Invoice>(document.ToJsonString(), 2, 1).CreditLimit.ShouldBeNull("a version 2 credit note kept no limit");
    }

    [Fact]
    public void A_stored_document_the_aggregate_refuses_is_refused_at_the_json_path_of_each_member()
    {
        var creator = new CreatorGenerator(3, Clock).Next();
        var document = JsonNode.Parse(StoredFormats.Current.Creator.Write(creator.ToSnapshot()))!.AsObject();
        document["profile"]!["languages"] = new JsonArray();
        var accounts = document["accounts"]!.AsArray();
        accounts.Add(accounts[0]!.DeepClone());

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.Creator.Restore<Creator>(document.ToJsonString(), 1, 1));

        // The domain names C# members; the reader of the document is shown where they are in it.
        error.Path.ShouldBe("$.profile.languages");
        error.Message.ShouldStartWith("Creator snapshot (schema version 1): $.profile.languages: ");
        error.Message.ShouldContain("(creator.languages_missing); $.accounts[1].handle: ");
        error.InnerException.ShouldBeOfType<DomainValidationException>().Errors.Select(e => e.Field).ShouldBe(["Profile.Languages", "Accounts[1].Handle"]);
        StoredFormats.Current.Creator.Restore<Creator>(StoredFormats.Current.Creator.Write(creator.ToSnapshot()), 1, 2).Version.ShouldBe(2);
    }

    [Fact]
    public void Timelines_windows_territories_stats_rate_cards_policies_and_catalog_scores_have_strict_shapes()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        Json.Write(CampaignTimeline.Create(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31), zone)).ShouldBe("""{"first":"2026-03-01","last":"2026-03-31","zone":"Europe/Berlin"}""");
        Json.Write(PostingWindow.Create(new LocalDateTime(2026, 3, 1, 9, 0), new LocalDateTime(2026, 3, 1, 21, 0), zone)).ShouldBe("""{"opens":"2026-03-01T09:00:00","closes":"2026-03-01T21:00:00","zone":"Europe/Berlin"}""");
        Json.Write(Territories.Of(Country.US, Country.CA)).ShouldBe("""{"worldwide":false,"countries":["CA","US"]}""");
        Json.RoundTrip(Territories.Worldwide).ShouldBe(Territories.Worldwide);
        Json.Write(AccountStats.Create(Instant.FromUtc(2026, 11, 1, 0, 0), 125_000, medianViews: 40_000, engagementRate: 0.05))
            .ShouldBe("""{"asOf":"2026-11-01T00:00:00Z","followers":125000,"averageViews":null,"medianViews":40000,"engagementRate":0.05,"followerGrowthRate":null,"postsLast30Days":null,"viewsLast30Days":null}""");
        var rateCard = RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.Parse("USD 500.00"))], negotiable: true);
        Json.Write(Json.RoundTrip(rateCard)).ShouldBe(Json.Write(rateCard));
        Json.RoundTrip(MarketplacePolicy.TikTokCreatorMarketplace).ShouldBe(MarketplacePolicy.TikTokCreatorMarketplace);
        var score = CatalogScore.Create(new CatalogScoreWeights(), Distribution.Create(new Dictionary<AudienceGender, double> { [AudienceGender.Female] = 1 })).GetValueOrThrow();
        var readScore = Json.RoundTrip<ICreatorScore>(score).ShouldBeOfType<CatalogScore>();
        (readScore.Weights, readScore.TargetGender, readScore.TargetAge).ShouldBe((score.Weights, score.TargetGender, score.TargetAge));

        Json.Refuse<Territories>("""{"worldwide":true,"countries":["US"]}""").Message.ShouldBe("$: Territories.countries: is empty when the territories are worldwide.");
        Json.Refuse<AccountStats>("""{"asOf":"2026-11-01T00:00:00Z","followers":-1,"averageViews":null,"medianViews":null,"engagementRate":null,"followerGrowthRate":null,"postsLast30Days":null,"viewsLast30Days":null}""").Message.ShouldContain("followers may not be negative");
        Json.Refuse<CampaignTimeline>("""{"first":"2026-03-31","last":"2026-03-01","zone":"Europe/Berlin"}""").Message.ShouldStartWith("$: CampaignTimeline");
        Json.Refuse<ICreatorScore>("""{"name":"my score","weights":null,"targetGender":null,"targetAge":null}""").Message.ShouldContain("'my score' is not a score with a stored form");
        Should.Throw<JsonException>(() => Json.Write<ICreatorScore>(new ConstantScore())).Message.ShouldContain("has no stored form");
    }

    private static Property RoundTrips<TAggregate, TSnapshot>(TAggregate aggregate, SnapshotSchema<TSnapshot> schema)
        where TAggregate : ISnapshotable<TAggregate, TSnapshot>
        where TSnapshot : class
    {
        var json = schema.Write(aggregate.ToSnapshot());
        var restored = TAggregate.FromSnapshot(schema.Read(json, schema.Version), 3);
        return (schema.Write(restored.ToSnapshot()) == json).Label($"a {schema.Aggregate} read back from its stored form is written the same");
    }

    private sealed class ConstantScore : ICreatorScore
    {
        public string Name => "constant";

        public double? Score(CreatorListing creator) => 1;
    }
}
