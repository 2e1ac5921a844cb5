using NodaTime;

namespace CreatorMarketplace.Contracts;

/// <summary>
/// A contract between a brand and a creator: versioned terms, signatures, and a guarded lifecycle draft → sent →
/// signed → active → completed, or terminated before completion.
/// </summary>
/// <remarks>
/// <para>
/// Every change of terms is a new immutable <see cref="ContractVersion"/>. Before both parties have signed, the
/// newest version is the one to sign; afterwards a new version is an amendment, and the version in force stays in
/// force until both sign the amendment. A signature counts for the version signed only.
/// </para>
/// <para>
/// Invalid terms throw a <see cref="DomainValidationException"/>; an action the status does not allow returns
/// <see cref="NotAllowed"/>. Either way the contract is left exactly as it was.
/// </para>
/// </remarks>
public sealed class Contract : AggregateRoot<ContractId>, ISnapshotable<Contract, ContractSnapshot>
{
    private readonly List<ContractVersion> _versions = [];
    private readonly List<Signature> _signatures = [];
    private readonly List<InForceSince> _inForce = [];

    private Contract(ContractId id, BrandId brand, CreatorId creator, long version = 0)
        : base(id, version)
    {
        Brand = brand;
        Creator = creator;
    }

    /// <summary>The brand.</summary>
    public BrandId Brand { get; }

    /// <summary>The creator.</summary>
    public CreatorId Creator { get; }

    /// <summary>Where the contract is in its life.</summary>
    public ContractStatus Status { get; private set; } = ContractStatus.Draft;

    /// <summary>Every version, oldest first.</summary>
    public IReadOnlyList<ContractVersion> Versions => _versions.AsReadOnly();

    /// <summary>The newest version: the one to sign, or a pending amendment.</summary>
    public ContractVersion Current => _versions[^1];

    /// <summary>The version both parties have signed most recently; null until then.</summary>
    public ContractVersion? InForce => _inForce.Count == 0 ? null : _versions[_inForce[^1].Version - 1];

    /// <summary>Whether a version newer than the one in force awaits signatures.</summary>
    public bool HasPendingAmendment => InForce is { } inForce && inForce.Number != Current.Number;

    /// <summary>Every signature, in the order given.</summary>
    public IReadOnlyList<Signature> Signatures => _signatures.AsReadOnly();

    /// <summary>How the contract was ended early, if it was.</summary>
    public Termination? Termination { get; private set; }

    /// <summary>The actions the contract allows now (signing only when a version awaits a signature).</summary>
    public IReadOnlyList<ContractAction> PermittedActions =>
        [.. Status.PermittedActions.Where(action => action != ContractAction.Sign || AwaitsSignature)];

    private bool AwaitsSignature => Status == ContractStatus.Sent || HasPendingAmendment;

    /// <summary>Drafts a contract.</summary>
    /// <param name="id">The new contract's id.</param>
    /// <param name="brand">The brand.</param>
    /// <param name="creator">The creator.</param>
    /// <param name="terms">The first version's terms; every problem is reported at once.</param>
    /// <param name="clock">The clock that stamps the version and the event.</param>
    /// <returns>The draft, with a <see cref="ContractDrafted"/> event pending.</returns>
    /// <exception cref="DomainValidationException">The terms are invalid, or the exclusivity names the contract's own brand as a competitor.</exception>
    public static Contract Draft(ContractId id, BrandId brand, CreatorId creator, ContractTerms terms, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var contract = new Contract(id, brand, creator);
        Check(terms, brand);
        var now = clock.GetCurrentInstant();
        contract._versions.Add(new ContractVersion(1, terms.Frozen(), now, "initial draft"));
        contract.Raise(new ContractDrafted(id, brand, creator, now));
        return contract;
    }

    /// <summary>Sends the draft for signature.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> unless a draft.</returns>
    public CommandResult Send(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(ContractAction.Send) is { } refusal)
        {
            return refusal;
        }

        var now = Now(clock);
        MoveTo(ContractStatus.Sent, now);
        Raise(new ContractSent(Id, Current.Number, now));
        return CommandResult.Done;
    }

    /// <summary>
    /// Writes new terms as a new version: before signing a revision both must sign, after signing an amendment the
    /// version in force stays until both sign it. Terms equal to the newest version change nothing.
    /// </summary>
    /// <param name="terms">The new terms; every problem is reported at once.</param>
    /// <param name="note">Why the terms change; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once completed or terminated.</returns>
    /// <exception cref="DomainValidationException">The terms are invalid.</exception>
    /// <exception cref="ArgumentException"><paramref name="note"/> is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public CommandResult Amend(ContractTerms terms, string note, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        TextRule.MultiLine.RequireNonBlank(note);
        if (Refuse(ContractAction.Amend) is { } refusal)
        {
            return refusal;
        }

        Check(terms, Brand);
        if (terms.Equals(Current.Terms))
        {
            return CommandResult.Done;
        }

        var now = Now(clock);
        var version = new ContractVersion(Current.Number + 1, terms.Frozen(), now, note);
        var changes = version.ChangesFrom(Current);
        _versions.Add(version);
        Raise(new ContractAmended(Id, version.Number, changes, now));
        return CommandResult.Done;
    }

    /// <summary>
    /// Signs the newest version for one party. When both parties have signed it, it comes into force (and a sent
    /// contract becomes signed).
    /// </summary>
    /// <param name="party">The side signing.</param>
    /// <param name="signer">Who signs; not blank.</param>
    /// <param name="version">The version the signer read and signs; it must be the newest.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when nothing awaits a signature, the version is not the newest, or the party has signed it already.</returns>
    /// <exception cref="ArgumentException"><paramref name="signer"/> is blank or not a single line of well-formed text (<see cref="TextRule.SingleLine"/>).</exception>
    public CommandResult Sign(ContractParty party, string signer, int version, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(clock);
        TextRule.SingleLine.RequireNonBlank(signer);
        if (Refuse(ContractAction.Sign) is { } refusal)
        {
            return refusal;
        }

        if (!AwaitsSignature)
        {
            return new NotAllowed(ContractAction.Sign.Name, Status.Name, $"version {Current.Number} is in force and no amendment awaits a signature.");
        }

        if (version != Current.Number)
        {
            return new NotAllowed(ContractAction.Sign.Name, Status.Name, $"version {version} is not the newest; version {Current.Number} is the one to sign.");
        }

        if (SignatureOf(party, version) is not null)
        {
            return new NotAllowed(ContractAction.Sign.Name, Status.Name, $"the {party.Name.ToLowerInvariant()} has already signed version {version}.");
        }

        var now = Now(clock);
        var signature = new Signature(party, signer, version, now);
        _signatures.Add(signature);
        Raise(new ContractSigned(Id, signature, now));
        if (SignatureOf(party.Other, version) is not null)
        {
            _inForce.Add(new InForceSince(version, now));
            Raise(new ContractVersionInForce(Id, version, now));
            if (Status == ContractStatus.Sent)
            {
                MoveTo(ContractStatus.Signed, now);
            }
        }

        return CommandResult.Done;
    }

    /// <summary>Starts the work under the signed contract.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> unless signed.</returns>
    public CommandResult Activate(IClock clock) => Transition(ContractAction.Activate, ContractStatus.Active, clock);

    /// <summary>Records that the work is done. Rights granted for a term stay in force; a pending amendment lapses unsigned.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> unless active.</returns>
    public CommandResult Complete(IClock clock) => Transition(ContractAction.Complete, ContractStatus.Completed, clock);

    /// <summary>Ends the contract early; no right or exclusivity of it holds from now on.</summary>
    /// <param name="by">The side ending it.</param>
    /// <param name="reason">Why; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once completed or terminated.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public CommandResult Terminate(ContractParty by, string reason, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(clock);
        TextRule.MultiLine.RequireNonBlank(reason);
        if (Refuse(ContractAction.Terminate) is { } refusal)
        {
            return refusal;
        }

        var now = Now(clock);
        Termination = new Termination(by, reason, now);
        MoveTo(ContractStatus.Terminated, now);
        Raise(new ContractTerminated(Id, Termination, now));
        return CommandResult.Done;
    }

    /// <summary>The version whose terms bound the parties at an instant: the last one both had signed by then.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The version, or null when none had been signed by both, or the contract had been terminated.</returns>
    public ContractVersion? VersionInForceAt(Instant instant) =>
        Termination is { } termination && instant >= termination.At ? null : VersionSignedByBothAt(instant);

    // The last version both parties had signed by an instant, whatever was terminated since: the terms a settlement
    // made at that instant was made under.
    internal ContractVersion? VersionSignedByBothAt(Instant instant) =>
        _inForce.LastOrDefault(entry => entry.Since <= instant)?.Version is { } number ? _versions[number - 1] : null;

    // When a version came into force, the second party signing it; null for one that never did (or does not exist).
    internal Instant? CameIntoForce(int version) => _inForce.Find(entry => entry.Version == version)?.Since;

    /// <summary>
    /// May this deliverable be used in this channel and country at this instant? Permitted names the grant that
    /// permits it; Denied gives every reason: the contract's (not signed by then, terminated, no such deliverable,
    /// no grants) and each grant's (channel not granted, territory not covered, not yet started, expired). Paid
    /// amplification of a TikTok deliverable also needs the creator's Spark Ads authorisation of the post, valid at
    /// that instant.
    /// </summary>
    /// <param name="request">The use.</param>
    /// <param name="sparkAds">The Spark Ads authorisation of the post, when there is one.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">The authorisation belongs to another contract or deliverable.</exception>
    public RightsDecision MayUse(UsageRequest request, SparkAdsAuthorization? sparkAds = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Channel);
        ArgumentNullException.ThrowIfNull(request.Territory);
        if (sparkAds is not null && (sparkAds.Contract != Id || sparkAds.Deliverable != request.Deliverable))
        {
            throw DomainValidationException.Of(nameof(sparkAds), "rights.spark_ads_mismatch", $"the authorisation is for deliverable {ErrorText.Quote(sparkAds.Deliverable)} of contract {sparkAds.Contract}, not {ErrorText.Quote(request.Deliverable)} of {Id}.");
        }

        var version = VersionInForceAt(request.At);
        if (version is null)
        {
            return new Denied([ContractDenial(request.At)]);
        }

        var deliverable = version.Terms.Deliverable(request.Deliverable);
        if (deliverable is null)
        {
            return new Denied([new(null, "rights.unknown_deliverable", $"version {version.Number} has no deliverable named {ErrorText.Quote(request.Deliverable)}.")]);
        }

        if (version.Terms.Grants.Count == 0)
        {
            return new Denied([new(null, "rights.not_granted", $"version {version.Number} grants no usage rights.")]);
        }

        var reasons = new List<RightsDenial>();
        if (request.Channel == UsageChannel.PaidAmplification && deliverable.Platform == Platform.TikTok)
        {
            var problem = sparkAds is null
                ? new RightsDenial(null, "rights.spark_ads_not_authorized", "paid amplification on TikTok needs the creator's Spark Ads authorisation of the post, and there is none.")
                : sparkAds.DenialAt(request.At);
            if (problem is not null)
            {
                reasons.Add(problem);
            }
        }

        var grantReasons = new List<RightsDenial>();
        for (var i = 0; i < version.Terms.Grants.Count; i++)
        {
            var denials = version.Terms.Grants[i].Denials(request.Channel, request.Territory, request.At, i + 1);
            if (denials.Count == 0 && reasons.Count == 0)
            {
                return new Permitted(version.Number, i + 1, version.Terms.Grants[i]);
            }

            grantReasons.AddRange(denials);
        }

        return new Denied([.. reasons, .. grantReasons]);
    }

    /// <summary>What changed in a version from the one before it.</summary>
    /// <param name="version">A version number from 2.</param>
    /// <returns>The changes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no such version, or it is the first.</exception>
    public IReadOnlyList<TermChange> ChangesIn(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, _versions.Count);
        return _versions[version - 1].ChangesFrom(_versions[version - 2]);
    }

    /// <summary>Whether this contract's exclusivity, in force at the time, binds the creator somewhere inside a period.</summary>
    /// <param name="from">The period's start.</param>
    /// <param name="until">The period's end (exclusive).</param>
    /// <returns>The exclusivity and the window it binds, or null.</returns>
    internal (Exclusivity Exclusivity, Instant Start, Instant End)? ExclusivityBinding(Instant from, Instant until)
    {
        if (!Status.IsBinding && Status != ContractStatus.Terminated)
        {
            return null;
        }

        // The version in force now decides; a termination cuts the window short.
        var version = InForce;
        if (version?.Terms.Exclusivity is not { } exclusivity)
        {
            return null;
        }

        var end = Termination is { } termination ? Instant.Min(termination.At, exclusivity.End) : exclusivity.End;
        var start = exclusivity.Start;
        return start < until && from < end && start < end ? (exclusivity, start, end) : null;
    }

    /// <inheritdoc />
    public ContractSnapshot ToSnapshot() => new(Id, Brand, Creator, Status, _versions.ToArray(), _signatures.ToArray(), _inForce.ToArray(), Termination);

    /// <inheritdoc />
    public static Contract FromSnapshot(ContractSnapshot snapshot, long version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);

        // A stored contract passes the same checks as one built through Draft and the commands.
        var errors = new ErrorCollector();
        errors.Require(snapshot.Id != default, "Id", "snapshot.id_empty", "a contract needs an id.");
        var statusKnown = errors.Require(snapshot.Status is not null, "Status", "snapshot.status_missing", "a contract has a status.");
        var versionsKnown = CheckVersions(snapshot, errors);
        var signaturesHold = CheckSignatures(snapshot, versionsKnown, errors);
        if (signaturesHold && errors.Require(snapshot.InForce is not null && snapshot.InForce.All(entry => entry is not null), "InForce", "snapshot.in_force_missing", "the versions in force may be empty but not null, and hold no null."))
        {
            // A version comes into force at the second of its two signatures, and only then.
            var expected = InForceBy(snapshot.Signatures);
            errors.Require(snapshot.InForce!.SequenceEqual(expected), "InForce", "contract.in_force_mismatch", $"the versions in force are those both parties signed, when the second signed: {(expected.Count == 0 ? "none" : string.Join(", ", expected))}.");
            if (statusKnown)
            {
                var status = snapshot.Status!;
                errors.Require(status != ContractStatus.Draft || snapshot.Signatures!.Count == 0, "Signatures", "contract.signed_draft", "a draft has not been sent, so nobody has signed it.");
                errors.Require(
                    status == ContractStatus.Terminated || (expected.Count > 0) == status.IsBinding,
                    "Status",
                    "contract.status_mismatch",
                    $"a contract is signed, active or completed exactly when a version is in force; it is {status} with {expected.Count} in force.");
            }
        }

        if (statusKnown)
        {
            errors.Require(
                snapshot.Status == ContractStatus.Terminated
                    ? snapshot.Termination is { By: not null } termination && !string.IsNullOrWhiteSpace(termination.Reason)
                    : snapshot.Termination is null,
                "Termination",
                "contract.termination_mismatch",
                "a terminated contract records who ended it and why, and only a terminated one.");
            errors.RequireText(TextRule.MultiLine, snapshot.Termination?.Reason, "Termination.Reason");
        }

        errors.ThrowIfAny(nameof(snapshot));
        var contract = new Contract(snapshot.Id, snapshot.Brand, snapshot.Creator, version)
        {
            Status = snapshot.Status!,
            Termination = snapshot.Termination,
        };
        contract._versions.AddRange(snapshot.Versions);
        contract._signatures.AddRange(snapshot.Signatures);
        contract._inForce.AddRange(snapshot.InForce!);
        return contract;
    }

    // Every version was written through Draft or Amend: numbered from 1, checked terms, a note, and each
    // different from the one before (Amend with unchanged terms writes nothing). Returns whether there are versions
    // to sign, whatever their problems.
    private static bool CheckVersions(ContractSnapshot snapshot, ErrorCollector errors)
    {
        var versions = snapshot.Versions;
        if (!errors.Require(versions is { Count: > 0 }, "Versions", "snapshot.versions_missing", "a contract has at least its first version."))
        {
            return false;
        }

        ContractTerms? earlier = null;
        for (var i = 0; i < versions!.Count; i++)
        {
            if (versions[i] is not { } version)
            {
                errors.Add($"Versions[{i}]", "snapshot.version_missing", "a version is null.");
                earlier = null;
                continue;
            }

            var at = errors.At($"Versions[{i}]");
            at.Require(version.Number == i + 1, "Number", "contract.version_number", $"versions are numbered from 1 in order; this one is {i + 1}, not {version.Number}.");
            if (at.Require(!string.IsNullOrWhiteSpace(version.Note), "Note", "contract.note_missing", "a version says why it was written."))
            {
                at.RequireText(TextRule.MultiLine, version.Note, "Note");
            }

            var terms = new ErrorCollector();
            if (at.Require(version.Terms is not null, "Terms", "snapshot.terms_missing", "a version has terms."))
            {
                CheckTerms(version.Terms!, snapshot.Brand, terms);
                at.At("Terms").AddRange(terms.Errors);

                // Only checked terms compare safely: equality walks their lists.
                at.Require(terms.HasErrors || earlier is null || !version.Terms!.Equals(earlier), "Terms", "contract.version_unchanged", "a new version changes the terms of the one before.");
            }

            earlier = version.Terms is not null && !terms.HasErrors ? version.Terms : null;
        }

        return true;
    }

    // A party signs the newest version only, once, so signatures go to versions in order and never twice by a party.
    private static bool CheckSignatures(ContractSnapshot snapshot, bool versionsKnown, ErrorCollector errors)
    {
        var signatures = snapshot.Signatures;
        if (!errors.Require(signatures is not null, "Signatures", "snapshot.signatures_missing", "the signatures may be empty but not null."))
        {
            return false;
        }

        var before = errors.Errors.Count;
        var signed = new HashSet<(ContractParty, int)>();
        var latest = 0;
        Instant? previous = null;
        for (var i = 0; i < signatures!.Count; i++)
        {
            if (signatures[i] is not { } signature)
            {
                errors.Add($"Signatures[{i}]", "snapshot.signature_missing", "a signature is null.");
                continue;
            }

            var at = errors.At($"Signatures[{i}]");
            at.Require(signature.Party is not null, "Party", "snapshot.party_missing", "a signature names the side signing.");
            at.Require(!string.IsNullOrWhiteSpace(signature.Signer), "Signer", "contract.signer_missing", "a signature names who signed.");
            at.RequireText(TextRule.SingleLine, signature.Signer, "Signer");
            if (at.Require(!versionsKnown || (signature.Version >= 1 && signature.Version <= snapshot.Versions.Count), "Version", "contract.signature_unknown_version", $"there is no version {signature.Version} to sign.")
                && at.Require(signature.Version >= latest, "Version", "contract.signature_out_of_order", $"version {signature.Version} is signed after version {latest}, which replaced it."))
            {
                latest = signature.Version;
            }

            at.Require(signature.Party is null || signed.Add((signature.Party, signature.Version)), "Version", "contract.signed_twice", $"the {signature.Party?.Name.ToLowerInvariant()} signs version {signature.Version} once.");

            // Commands sign in time, each version after it was written: a signature dated earlier would move a
            // version's coming into force before the versions it replaced.
            at.Require(previous is not { } earlier || signature.SignedAt >= earlier, "SignedAt", "contract.signature_out_of_order", $"signed at {signature.SignedAt}, before the signature listed before it, at {previous}.");
            at.Require(
                !versionsKnown || signature.Version < 1 || signature.Version > snapshot.Versions.Count || snapshot.Versions[signature.Version - 1] is not { } version || signature.SignedAt >= version.CreatedAt,
                "SignedAt",
                "contract.signed_before_written",
                $"version {signature.Version} is signed at {signature.SignedAt}, before it was written.");
            previous = signature.SignedAt;
        }

        return versionsKnown && errors.Errors.Count == before;
    }

    private static List<InForceSince> InForceBy(IReadOnlyList<Signature> signatures)
    {
        var inForce = new List<InForceSince>();
        for (var i = 0; i < signatures.Count; i++)
        {
            var signature = signatures[i];
            if (signatures.Take(i).Any(earlier => earlier.Version == signature.Version && earlier.Party == signature.Party.Other))
            {
                inForce.Add(new InForceSince(signature.Version, signature.SignedAt));
            }
        }

        return inForce;
    }

    // Validators name members as the types declare them (Deliverables[0].Name); a stored form names them as stored (deliverables[0].name).
    private RightsDenial ContractDenial(Instant at)
    {
        if (Termination is { } termination && at >= termination.At)
        {
            return new(null, "rights.contract_terminated", $"the contract was terminated at {termination.At} by the {termination.By.Name.ToLowerInvariant()}: {termination.Reason}");
        }

        return _inForce.Count == 0
            ? new(null, "rights.contract_not_signed", $"the contract is {Status.Name}; no version has been signed by both parties.")
            : new(null, "rights.contract_not_yet_signed", $"no version had been signed by both parties at {at}; the first was at {_inForce[0].Since}.");
    }

    private Signature? SignatureOf(ContractParty party, int version) =>
        _signatures.Find(signature => signature.Party == party && signature.Version == version);

    // A command's time, never before the latest version or signature (RecordedTime), so that the contract can be read back.
    private Instant Now(IClock clock) =>
        RecordedTime.Now(clock, _signatures.Count > 0 && _signatures[^1].SignedAt > Current.CreatedAt ? _signatures[^1].SignedAt : Current.CreatedAt);

    private NotAllowed? Refuse(ContractAction action) => NotAllowed.UnlessPermitted(action, Status, "contract");

    private CommandResult Transition(ContractAction action, ContractStatus to, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(action) is { } refusal)
        {
            return refusal;
        }

        MoveTo(to, Now(clock));
        return CommandResult.Done;
    }

    private void MoveTo(ContractStatus to, Instant at)
    {
        var from = Status;
        Status = to;
        Raise(new ContractStatusChanged(Id, from, to, at));
    }

    private static void Check(ContractTerms terms, BrandId brand)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var errors = new ErrorCollector();
        CheckTerms(terms, brand, errors);
        errors.ThrowIfAny(nameof(terms));
    }

    private static void CheckTerms(ContractTerms terms, BrandId brand, ErrorCollector errors)
    {
        errors.AddRange(terms.Validate());
        if (terms.Exclusivity is { Competitors: { } competitors })
        {
            errors.Require(!competitors.Contains(brand), $"{nameof(ContractTerms.Exclusivity)}.{nameof(Exclusivity.Competitors)}", "contract.own_brand_competitor", "a contract's exclusivity cannot name its own brand as a competitor.");
        }
    }
}

/// <summary>A contract's stored form: everything it holds (see <see cref="ISnapshotable{TSelf, TSnapshot}"/>).</summary>
/// <param name="Id">The contract's id.</param>
/// <param name="Brand">The brand.</param>
/// <param name="Creator">The creator.</param>
/// <param name="Status">Where the contract is in its life.</param>
/// <param name="Versions">Every version, oldest first, numbered from 1.</param>
/// <param name="Signatures">Every signature, in the order given.</param>
/// <param name="InForce">Each version that came into force and when, in order; the last is the one in force.</param>
/// <param name="Termination">How the contract was ended early; null unless terminated.</param>
public sealed record ContractSnapshot(
    ContractId Id,
    BrandId Brand,
    CreatorId Creator,
    ContractStatus Status,
    IReadOnlyList<ContractVersion> Versions,
    IReadOnlyList<Signature> Signatures,
    IReadOnlyList<InForceSince> InForce,
    Termination? Termination);

/// <summary>A version of a contract that came into force: both parties had signed it from <paramref name="Since"/> on.</summary>
/// <param name="Version">The version's number.</param>
/// <param name="Since">When the second party signed it.</param>
public sealed record InForceSince(int Version, Instant Since)
{
    /// <summary>Formats the entry, for example <c>"version 2 since 2026-12-01T10:00:00Z"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"version {Version} since {Since}";
}
