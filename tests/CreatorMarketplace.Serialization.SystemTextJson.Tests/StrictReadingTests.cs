using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>Stored records are read strictly: one member once, every member present, no unknown member, bounded.</summary>
public class StrictReadingTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 30, 9, 0), Duration.FromSeconds(1));

    [Fact]
    public void A_member_that_appears_twice_is_refused_not_read_as_its_last_value()
    {
        var transaction = Charge();
        var json = StoredJson.Write(transaction);
        var twice = "{\"key\":\"evil\"," + json[1..];

        var error = Should.Throw<JsonException>(() => StoredJson.Read<LedgerTransaction>(twice));

        error.Path.ShouldBe("$.key");
        error.Message.ShouldBe("$.key: the member appears more than once; each member of a stored record appears once.");
        StoredJson.Read<LedgerTransaction>(json).Entries.ShouldBe(transaction.Entries);
    }

    [Fact]
    public void A_member_written_once_plainly_and_once_escaped_is_the_same_member()
    {
        var json = StoredJson.Write(Charge());
        var twice = "{\"k\\u0065y\":\"evil\"," + json[1..];
        var escapedTwice = "{\"caf\\u00e9\":1,\"café\":2}";

        var error = Should.Throw<JsonException>(() => StoredJson.Read<LedgerTransaction>(twice));

        error.Path.ShouldBe("$.key");
        error.Message.ShouldBe("$.key: the member appears more than once; each member of a stored record appears once.");
        Should.Throw<JsonException>(() => StoredJson.Read<JsonObject>(escapedTwice)).Message.ShouldStartWith("$['café']: the member appears more than once");
        StoredJson.Read<JsonObject>("{\"caf\\u00e9\":1,\"cafe\":2,\"\\u00e9\":3,\"e\":4}").Count.ShouldBe(4);
    }

    [Fact]
    public void A_member_repeated_among_many_is_found_quickly_and_the_next_document_is_read_afresh()
    {
        var members = Enumerable.Range(0, 200_000).Select(i => $"\"m{i}\":{i}");
        var repeated = "{\"outer\":{" + string.Join(",", members) + ",\"m199999\":0}}";
        var distinct = "{\"outer\":{" + string.Join(",", members) + "}}";

        var watch = Stopwatch.StartNew();
        var error = Should.Throw<JsonException>(() => StoredJson.Read<JsonObject>(repeated));
        watch.Stop();

        error.Path.ShouldBe("$.outer.m199999");
        watch.ElapsedMilliseconds.ShouldBeLessThan(2_000);
        StoredJson.Read<JsonObject>(distinct)["outer"]!.AsObject().Count.ShouldBe(200_000);
        StoredJson.Read<JsonObject>("{\"outer\":{\"m1\":1},\"m1\":2}").Count.ShouldBe(2);
    }

    [Fact]
    public void A_stored_ledger_transaction_that_breaks_a_rule_is_refused_with_the_path_of_the_member()
    {
        var document = JsonNode.Parse(StoredJson.Write(Charge()))!.AsObject();
        document["entries"]![0]!["sequence"] = 0;
        document["kind"] = " ";

        var error = Should.Throw<JsonException>(() => StoredJson.Read<LedgerTransaction>(document.ToJsonString()));

        error.Path.ShouldBe("$.kind");
        error.Message.ShouldBe(
            "$.kind: LedgerTransaction: 2 problems: kind: a transaction names its kind. (ledger.kind_blank); "
            + "entries[0].sequence: entries are numbered consecutively from 1 or more. (ledger.sequence_gap)");
        error.InnerException.ShouldBeOfType<DomainValidationException>().Errors.Select(e => e.Field).ShouldBe(["kind", "entries[0].sequence"]);
    }

    [Fact]
    public void A_member_repeated_inside_a_snapshot_is_refused_with_its_path()
    {
        var json = StoredFormats.Current.SavedSearch.Write(SavedSearch().ToSnapshot());
        var twice = json.Replace("\"countries\":", "\"countries\":[\"US\"],\"countries\":", StringComparison.Ordinal);

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.SavedSearch.Read(twice, 1));

        error.Path.ShouldBe("$.query.countries");
        error.Message.ShouldContain("appears more than once");
    }

    [Fact]
    public void A_member_with_a_default_that_is_missing_is_refused_not_defaulted()
    {
        var campaign = AggregateGenerators.Campaigns().Sample(1, new Rnd(3), 30)[0];
        var document = JsonNode.Parse(StoredFormats.Current.Campaign.Write(campaign.ToSnapshot()))!.AsObject();
        document["brief"]!.AsObject().Remove("donts");

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.Campaign.Read(document.ToJsonString(), 1));

        error.Path!.ShouldStartWith("$.brief");
        error.Message.ShouldContain("donts");

        var ledger = JsonNode.Parse(StoredJson.Write(Charge()))!.AsObject();
        ledger.Remove("command");
        Should.Throw<JsonException>(() => StoredJson.Read<LedgerTransaction>(ledger.ToJsonString())).Message.ShouldContain("command");
    }

    [Fact]
    public void An_unknown_member_is_refused_rather_than_broadening_a_saved_search()
    {
        var document = JsonNode.Parse(StoredFormats.Current.SavedSearch.Write(SavedSearch().ToSnapshot()))!.AsObject();
        document["query"]!.AsObject()["countrys"] = new JsonArray("US");

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.SavedSearch.Read(document.ToJsonString(), 1));

        error.Path.ShouldBe("$.query.countrys");
        error.Message.ShouldContain("countrys");
    }

    [Fact]
    public void A_constructor_refusal_inside_a_snapshot_is_a_json_error_naming_the_path_member_and_rule()
    {
        var creator = AggregateGenerators.Creators().Sample(1, new Rnd(3), 30)[0];
        var document = JsonNode.Parse(StoredFormats.Current.Creator.Write(creator.ToSnapshot()))!.AsObject();
        document["accounts"]![0]!["externalId"] = "";

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.Creator.Read(document.ToJsonString(), 1));

        error.Path.ShouldBe("$.accounts[0].externalId");
        error.Message.ShouldStartWith("Creator snapshot (schema version 1): $.accounts[0].externalId: PlatformAccount.externalId: ");
        error.InnerException!.InnerException.ShouldBeOfType<ArgumentException>();
    }

    [Fact]
    public void A_type_member_that_appears_twice_in_a_history_is_a_json_error()
    {
        var collaboration = AggregateGenerators.Collaborations().Sample(1, new Rnd(7), 30)[0];
        var json = StoredFormats.Current.Collaboration.Write(collaboration.ToSnapshot());
        var twice = json.Replace("{\"$type\":\"CollaborationOpened\",", "{\"$type\":\"CollaborationOpened\",\"$type\":\"CollaborationOpened\",", StringComparison.Ordinal);

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.Collaboration.Read(twice, 1));
        error.Path.ShouldBe("$.history[0].$type");

        // Read with the general options, outside a store, the converter itself refuses it.
        var history = JsonNode.Parse(twice)!["history"]!.ToJsonString();
        Json.Refuse<List<CollaborationEvent>>(history).Message.ShouldContain("CollaborationEvent.$type: appears more than once.");
    }

    [Fact]
    public void A_message_quotes_a_short_escaped_prefix_of_a_hostile_value()
    {
        var hostile = "\u0007" + new string('x', 1_000_000);
        var document = JsonNode.Parse(StoredFormats.Current.SavedSearch.Write(SavedSearch().ToSnapshot()))!.AsObject();
        document["owner"] = hostile;

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.SavedSearch.Read(document.ToJsonString(), 1));

        error.Path.ShouldBe("$.owner");
        error.Message.Length.ShouldBeLessThan(400);
        error.Message.ShouldContain("'\\u0007xxx");
        error.Message.ShouldContain("(1000001 characters)");
        error.Message.ShouldNotContain("\u0007");
    }

    [Fact]
    public void A_huge_document_or_string_is_refused_early_within_the_documented_limits()
    {
        var document = JsonNode.Parse(StoredFormats.Current.SavedSearch.Write(SavedSearch().ToSnapshot()))!.AsObject();
        document["name"] = new string('x', 50_000_000);
        var huge = document.ToJsonString();
        document["name"] = new string('x', StoredJson.MaxStringLength + 1);
        var long_ = document.ToJsonString();

        var watch = Stopwatch.StartNew();
        var tooLarge = Should.Throw<JsonException>(() => StoredFormats.Current.SavedSearch.Read(huge, 1));
        var tooLong = Should.Throw<JsonException>(() => StoredFormats.Current.SavedSearch.Read(long_, 1));
        watch.Stop();

        tooLarge.Path.ShouldBe("$");
        tooLarge.Message.ShouldContain($"at most {StoredJson.MaxDocumentLength}");
        tooLong.Path.ShouldBe("$.name");
        tooLong.Message.ShouldContain($"at most {StoredJson.MaxStringLength}");
        watch.ElapsedMilliseconds.ShouldBeLessThan(250);
    }

    [Fact]
    public void A_record_that_could_not_be_read_back_is_refused_when_written_and_one_just_within_the_limits_reads_back()
    {
        // The domain bounds no message's length; 'é' is written escaped, six bytes a character.
        var schema = StoredFormats.Current.Collaboration;
        var collaboration = AggregateGenerators.Collaborations().Sample(40, new FsCheck.Rnd(11), 30)
            .First(c => c.SendMessage(Actor.Creator, new string('é', 175_000), Clock) == CommandResult.Done);

        var refused = Should.Throw<JsonException>(() => schema.Write(collaboration.ToSnapshot()));

        refused.Path.ShouldNotBeNull().ShouldStartWith("$.history[");
        refused.Path.ShouldEndWith("].message.body");
        refused.Message.ShouldStartWith("The record cannot be stored, since it could not be read back: $.history[");
        refused.Message.ShouldContain($"the string takes 1050000 bytes; a stored string takes at most {StoredJson.MaxStringLength}.");

        // Sent after the rest of the history, which runs forward in time.
        var within = AggregateGenerators.Collaborations().Sample(40, new FsCheck.Rnd(11), 30)
            .First(c => c.SendMessage(Actor.Creator, new string('é', 174_000), new FakeClock(c.History[^1].OccurredAt)) == CommandResult.Done);
        var restored = schema.Restore<Collaboration>(schema.Write(within.ToSnapshot()), schema.Version, 1);
        restored.Messages[^1].Body.ShouldBe(new string('é', 174_000));
    }

    [Fact]
    public void An_event_that_could_not_be_read_back_is_refused_when_written()
    {
        var collaboration = CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"));
        MessageSent Sent(string body, string[] attachments) =>
            new(collaboration, Actor.Brand, Clock.GetCurrentInstant(), new Message(1, Actor.Brand, Clock.GetCurrentInstant(), body, attachments));

        // '<' is written escaped: 180,000 of them take 1,080,000 bytes; twenty attachments of 150,000 quotes, 18 million characters.
        var longString = Should.Throw<JsonException>(() => DomainEventJson.Write(Sent(new string('<', 180_000), [])));
        var longDocument = Should.Throw<JsonException>(() => DomainEventJson.Write(Sent("see attached", [.. Enumerable.Repeat(new string('"', 150_000), 20)])));

        (longString.Path, longDocument.Path).ShouldBe(("$.message.body", "$"));
        longDocument.Message.ShouldContain($"a stored document has at most {StoredJson.MaxDocumentLength}");
        var fits = Sent(new string('<', 170_000), []);
        ((MessageSent)DomainEventJson.Read(nameof(MessageSent), DomainEventJson.Write(fits).Json)).Message.Body.ShouldBe(fits.Message.Body);
    }

    [Fact]
    public void An_unpaired_surrogate_escape_is_refused_with_its_path()
    {
        var document = JsonNode.Parse(StoredFormats.Current.SavedSearch.Write(SavedSearch().ToSnapshot()))!.AsObject();
        document["name"] = "NAME";
        var json = document.ToJsonString().Replace("NAME", "\\ud800", StringComparison.Ordinal);

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.SavedSearch.Read(json, 1));

        error.Path.ShouldBe("$.name");
        error.Message.ShouldContain("unpaired surrogate");
    }

    [Fact]
    public void A_computed_member_must_be_present_and_match_the_members_it_is_computed_from()
    {
        var invoice = AggregateGenerators.Invoices().Sample(30, new Rnd(5), 50).First(i => i.Lines.Count > 0);
        var document = JsonNode.Parse(StoredFormats.Current.Invoice.Write(invoice.ToSnapshot()))!.AsObject();
        var line = document["lines"]![0]!.AsObject();
        var total = line["total"]!.AsObject();
        var amount = total["amount"]!.GetValue<string>();
        var wrong = amount.StartsWith('-') ? "-9" + amount[1..] : "9" + amount;
        line["total"] = new JsonObject { ["amount"] = amount, ["currency"] = total["currency"]!.GetValue<string>(), ["note"] = "unread" };

        var error = Should.Throw<JsonException>(() => StoredFormats.Current.Invoice.Read(document.ToJsonString(), 1));

        error.Path.ShouldBe("$.lines[0].total");
        line["total"] = new JsonObject { ["amount"] = wrong, ["currency"] = total["currency"]!.GetValue<string>() };
        Should.Throw<JsonException>(() => StoredFormats.Current.Invoice.Read(document.ToJsonString(), 1)).Message.ShouldContain("is computed from the other members");
        line.Remove("total");
        Should.Throw<JsonException>(() => StoredFormats.Current.Invoice.Read(document.ToJsonString(), 1)).Message.ShouldContain("total");
    }

    private static LedgerTransaction Charge() =>
        new EscrowLedger().Charge("charge-1", EntityId.New<CollaborationId>(Clock), EntityId.New<BrandId>(Clock), Money.Parse("USD 500.00"), Clock).GetValueOrThrow();

    private static SavedSearch SavedSearch() => AggregateGenerators.SavedSearches().Sample(1, new Rnd(3), 30)[0];
}
