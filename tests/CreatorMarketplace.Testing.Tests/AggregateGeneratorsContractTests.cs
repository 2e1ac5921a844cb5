using CreatorMarketplace.Contracts;
using FsCheck.Fluent;

namespace CreatorMarketplace.Testing.Tests;

public class AggregateGeneratorsContractTests
{
    private static Contract[] Sample(ulong seed, int count) => AggregateGenerators.Contracts().Sample(count, new Rnd(seed), 50);

    [Fact]
    public void Generated_contracts_reach_every_status_with_amendments_pending_and_signed()
    {
        var contracts = Sample(2, 400);

        contracts.Select(c => c.Status).Distinct().ShouldBe(ContractStatus.List, ignoreOrder: true);
        contracts.Count(c => c.Status == ContractStatus.Draft && c.Versions.Count > 1).ShouldBeGreaterThan(0);
        contracts.Count(c => c.Status == ContractStatus.Sent && c.Signatures.Count > 0).ShouldBeGreaterThan(0);
        contracts.Count(c => c.HasPendingAmendment && c.Status == ContractStatus.Active).ShouldBeGreaterThan(0);
        contracts.Count(c => c.InForce != null && c.InForce.Number > 1).ShouldBeGreaterThan(0);
        contracts.Count(c => c.Status == ContractStatus.Terminated && c.InForce != null).ShouldBeGreaterThan(0);
        contracts.Count(c => c.Versions.Any(v => v.Terms.Exclusivity is not null) && c.Versions.Any(v => v.Terms.Grants.Count > 1)).ShouldBeGreaterThan(0);
        contracts.All(c => c.PendingEvents.Count > 0 && c.Version == 0).ShouldBeTrue("every change is pending, none stored");
    }

    [Fact]
    public void The_same_seed_gives_the_same_contracts()
    {
        Sample(7, 20).Select(c => c.ToSnapshot()).ToArray().ShouldBeEquivalentTo(Sample(7, 20).Select(c => c.ToSnapshot()).ToArray());
        Sample(8, 20).Select(c => c.Id).ShouldNotBe(Sample(7, 20).Select(c => c.Id));
    }
}
