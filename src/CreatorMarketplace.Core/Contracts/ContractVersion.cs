using NodaTime;

namespace CreatorMarketplace.Contracts;

/// <summary>One immutable version of a contract's terms. A change makes a new version; old ones stay readable.</summary>
/// <param name="Number">The version number, from 1.</param>
/// <param name="Terms">The terms.</param>
/// <param name="CreatedAt">When the version was written.</param>
/// <param name="Note">Why it was written ("initial draft", "fee raised after review").</param>
public sealed record ContractVersion(int Number, ContractTerms Terms, Instant CreatedAt, string Note)
{
    /// <summary>
    /// What changed from an earlier version, term by term: the fee, each deliverable by name, the revision policy,
    /// each grant by number, the exclusivity, the payment and cancellation terms and the disclosure duty.
    /// </summary>
    /// <param name="earlier">The version to compare with.</param>
    /// <returns>The changes, in the order of the terms; empty when the terms are the same.</returns>
    public IReadOnlyList<TermChange> ChangesFrom(ContractVersion earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var before = earlier.Terms;
        var after = Terms;
        var changes = new List<TermChange>();
        void Compare(string field, object? was, object? now)
        {
            if (!Equals(was, now))
            {
                changes.Add(new(field, was?.ToString(), now?.ToString()));
            }
        }

        Compare(nameof(ContractTerms.Fee), before.Fee, after.Fee);
        foreach (var name in before.Deliverables.Select(d => d.Name).Union(after.Deliverables.Select(d => d.Name)))
        {
            Compare($"{nameof(ContractTerms.Deliverables)}[{name}]", before.Deliverable(name), after.Deliverable(name));
        }

        Compare(nameof(ContractTerms.Revisions), before.Revisions, after.Revisions);
        for (var i = 0; i < Math.Max(before.Grants.Count, after.Grants.Count); i++)
        {
            Compare($"{nameof(ContractTerms.Grants)}[{i}]", before.Grants.ElementAtOrDefault(i), after.Grants.ElementAtOrDefault(i));
        }

        Compare(nameof(ContractTerms.Exclusivity), before.Exclusivity, after.Exclusivity);
        Compare(nameof(ContractTerms.PaymentTerms), before.PaymentTerms, after.PaymentTerms);
        Compare(nameof(ContractTerms.Cancellation), before.Cancellation, after.Cancellation);
        Compare(nameof(ContractTerms.Disclosure), before.Disclosure, after.Disclosure);
        return changes;
    }
}

/// <summary>One term that differs between two versions.</summary>
/// <param name="Field">The term, for example <c>Fee</c>, <c>Deliverables[launch-video]</c> or <c>Grants[1]</c> (grants by index from 0, deliverables by name).</param>
/// <param name="Before">The term before, as text; null when it was added.</param>
/// <param name="After">The term after, as text; null when it was removed.</param>
public sealed record TermChange(string Field, string? Before, string? After)
{
    /// <summary>Formats the change, for example <c>"Fee: USD 1500.00 → USD 1800.00"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Field}: {Before ?? "(none)"} → {After ?? "(none)"}";
}

/// <summary>A signature on one version of a contract.</summary>
/// <param name="Party">Which side signed.</param>
/// <param name="Signer">Who signed, as named by the signer.</param>
/// <param name="Version">The version signed.</param>
/// <param name="SignedAt">When.</param>
public sealed record Signature(ContractParty Party, string Signer, int Version, Instant SignedAt);

/// <summary>How a contract ended early.</summary>
/// <param name="By">The side that ended it.</param>
/// <param name="Reason">Why, as given.</param>
/// <param name="At">When; no right or exclusivity of the contract holds from this instant on.</param>
public sealed record Termination(ContractParty By, string Reason, Instant At);
