using System.Text.Json;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Serialization;
using FsCheck.Fluent;

namespace CreatorMarketplace.Storage.Tests;

public abstract partial class MarketplaceStoreContract
{
    [SkippableFact]
    public async Task A_creators_export_holds_everything_about_the_creator_and_nothing_about_anyone_else()
    {
        var store = await CreateStoreAsync();
        var collaborations = AggregateGenerators.Collaborations().Sample(60, new Rnd(2026_12_05UL), 40).DistinctBy(c => c.Id).DistinctBy(c => c.Creator).Take(2).ToArray();
        var maya = collaborations[0].Creator;
        var contracts = AggregateGenerators.Contracts().Sample(30, new Rnd(2026_12_06UL), 40).DistinctBy(c => c.Id).Where(c => c.Creator != maya).Take(2).ToArray();
        var hers = Contract.Draft(EntityId.New<ContractId>(Clock), contracts[0].Brand, maya, contracts[0].ToSnapshot().Versions[0].Terms, Clock);
        var generated = new CreatorGenerator(19, Clock).Next();
        var profile = Creator.Register(maya, generated.Profile, generated.PrimaryAccount, Clock);
        foreach (var collaboration in collaborations)
        {
            (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();
        }

        (await store.Contracts.SaveAsync(hers)).IsSaved.ShouldBeTrue();
        (await store.Contracts.SaveAsync(contracts[1])).IsSaved.ShouldBeTrue();
        (await store.Creators.SaveAsync(profile)).IsSaved.ShouldBeTrue();
        var identity = new CreatorIdentity(maya, "Maya Lindqvist", "maya@example.com");
        await store.Identities.SaveAsync(identity);
        await store.Identities.SaveAsync(new CreatorIdentity(contracts[1].Creator, "Ola Berg", "ola@example.com"));
        var ledger = new EscrowLedger();
        var fees = new FeePolicy(0.1m, null, MidpointRounding.ToEven);
        var charge = ledger.Charge("charge", collaborations[0].Id, collaborations[0].Brand, Money.Parse("USD 500.00"), Clock).GetValueOrThrow();
        var toHer = ledger.Release("release-maya", collaborations[0].Id, maya, Money.Parse("USD 200.00"), fees, Clock).GetValueOrThrow();
        var toOla = ledger.Release("release-ola", collaborations[0].Id, contracts[1].Creator, Money.Parse("USD 100.00"), fees, Clock).GetValueOrThrow();
        var appended = 0L;
        foreach (var transaction in new[] { charge, toHer, toOla })
        {
            appended = (await store.Ledger.AppendAsync(transaction, appended)).AsT0.LastSequence;
        }

        using var output = new MemoryStream();
        await CreatorDataExport.WriteAsync(store, maya, output, Clock);

        using var export = JsonDocument.Parse(output.ToArray());
        var root = export.RootElement;
        root.EnumerateObject().Select(member => member.Name).ShouldBe(["creator", "exportedAt", "profile", "identity", "contracts", "collaborations", "ledgerTransactions"]);
        root.GetProperty("creator").GetString().ShouldBe(maya.ToString());
        Same.Json(StoredJson.Read<CreatorSnapshot>(root.GetProperty("profile").GetRawText())).ShouldBe(Same.Json(profile.ToSnapshot()));
        StoredJson.Read<CreatorIdentity>(root.GetProperty("identity").GetRawText()).ShouldBe(identity);
        root.GetProperty("contracts").EnumerateArray().Select(c => StoredJson.Read<ContractSnapshot>(c.GetRawText()).Id).ShouldBe([hers.Id]);
        root.GetProperty("collaborations").EnumerateArray().Select(c => StoredJson.Read<CollaborationSnapshot>(c.GetRawText()).Id).ShouldBe([collaborations[0].Id]);
        root.GetProperty("ledgerTransactions").EnumerateArray().Select(t => StoredJson.Read<LedgerTransaction>(t.GetRawText()).Key).ShouldBe(["release-maya"]);
        var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
        text.ShouldNotContain("ola@example.com");
        text.ShouldNotContain(contracts[1].Id.ToString());

        using var nobody = new MemoryStream();
        await CreatorDataExport.WriteAsync(store, EntityId.New<CreatorId>(Clock), nobody, Clock);
        using var empty = JsonDocument.Parse(nobody.ToArray());
        empty.RootElement.GetProperty("profile").ValueKind.ShouldBe(JsonValueKind.Null);
        empty.RootElement.GetProperty("contracts").GetArrayLength().ShouldBe(0);
    }
}
