using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>
/// Random damage to every stored form: a document is either read back to a record whose stored form is stable, or
/// refused with a <see cref="JsonException"/> naming a path, within 100 ms, never with another exception.
/// </summary>
public class StoredFormMutationProperties
{
    private const string Placeholder = "__mutation__";
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    private enum Mutation
    {
        WrongType,
        Missing,
        Duplicate,
        Unknown,
        ExtremeNumber,
        LoneSurrogate,
        OverlongString,
    }

    [Property(MaxTest = 500)]
    public Property Damaged_stored_forms_are_read_back_whole_or_refused_with_a_path() =>
        Prop.ForAll(Damage().ToArbitrary(), damage =>
        {
            var (form, mutation, mutated) = damage;
            var (read, error, elapsed) = Attempt(form, mutated);
            if (elapsed > Budget)
            {
                // A machine shared with other builds can stall one attempt; a second one settles it.
                (read, error, elapsed) = Attempt(form, mutated);
            }

            elapsed.ShouldBeLessThan(Budget, $"{form.Name}, {mutation}");
            switch (error)
            {
                case null:
                    MustBeRefused(mutation).ShouldBeFalse($"{form.Name}, {mutation} was read: {Excerpt(mutated)}");
                    var written = form.Write(read!);
                    form.Write(form.Read(written)).ShouldBe(written, $"{form.Name}, {mutation}: the record read does not read back equal");
                    break;
                case JsonException json:
                    json.Path.ShouldNotBeNullOrEmpty($"{form.Name}, {mutation}: {json.Message}");
                    json.Path.ShouldStartWith("$");
                    json.Message.Length.ShouldBeInRange(1, 4_200);
                    break;
                default:
                    throw new ShouldAssertException($"{form.Name}, {mutation}: {error.GetType().Name} instead of a JsonException: {error.Message[..Math.Min(300, error.Message.Length)]}", error);
            }

            return true;
        });

    // A repeated or unknown member, an unpaired surrogate and an over-long string are never a valid stored form.
    private static bool MustBeRefused(Mutation mutation) =>
        mutation is Mutation.Duplicate or Mutation.Unknown or Mutation.LoneSurrogate or Mutation.OverlongString;

    private static (object? Read, Exception? Error, TimeSpan Elapsed) Attempt(StoredForm form, string json)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var read = form.Read(json);
            return (read, null, watch.Elapsed);
        }
        catch (Exception exception)
        {
            return (null, exception, watch.Elapsed);
        }
    }

    private static string Excerpt(string json) => json.Length <= 2_000 ? json : json[..2_000] + "…";

    private static Gen<(StoredForm Form, Mutation Mutation, string Json)> Damage() =>
        from form in Forms()
        from mutation in Gen.Frequency(
            (3, Gen.Constant(Mutation.WrongType)),
            (3, Gen.Constant(Mutation.Missing)),
            (2, Gen.Constant(Mutation.Duplicate)),
            (2, Gen.Constant(Mutation.Unknown)),
            (2, Gen.Constant(Mutation.ExtremeNumber)),
            (2, Gen.Constant(Mutation.LoneSurrogate)),
            (1, Gen.Constant(Mutation.OverlongString)))
        from site in Gen.Choose(0, int.MaxValue - 1)
        from variant in Gen.Choose(0, 99)
        select (form, mutation, Mutate(form.Json, mutation, site, variant));

    private static string Mutate(string json, Mutation mutation, int site, int variant)
    {
        var root = JsonNode.Parse(json)!;
        var sites = Sites(root).ToList();
        var candidates = mutation switch
        {
            Mutation.Missing or Mutation.Duplicate => sites.Where(s => s.Parent is JsonObject).ToList(),
            Mutation.ExtremeNumber => sites.Where(s => s.Value is JsonValue { } v && v.GetValueKind() == JsonValueKind.Number).ToList(),
            Mutation.LoneSurrogate or Mutation.OverlongString => sites.Where(s => s.Value is JsonValue { } v && v.GetValueKind() == JsonValueKind.String).ToList(),
            _ => sites,
        };
        if (candidates.Count == 0)
        {
            candidates = sites;
        }

        var (parent, name, index, value) = candidates[site % candidates.Count];
        switch (mutation)
        {
            case Mutation.WrongType:
                Replace(parent, name, index, OtherValue(value, variant));
                return root.ToJsonString();
            case Mutation.Missing when parent is JsonObject owner:
                owner.Remove(name!);
                return root.ToJsonString();
            case Mutation.Duplicate when parent is JsonObject owner:
                owner[Placeholder] = variant % 2 == 0 ? value?.DeepClone() : OtherValue(value, variant);
                return root.ToJsonString().Replace($"\"{Placeholder}\":", $"{JsonSerializer.Serialize(name)}:", StringComparison.Ordinal);
            case Mutation.Unknown:
                var target = value as JsonObject ?? parent as JsonObject ?? (JsonObject)root;
                target["an unknown member!"] = variant;
                return root.ToJsonString();
            case Mutation.ExtremeNumber:
                string[] numbers = ["1e400", "-1e400", "123456789012345678901234567890", "1e-400", "-0", "4.9e-324", "9223372036854775808", "0.1e1"];
                Replace(parent, name, index, Placeholder);
                return root.ToJsonString().Replace($"\"{Placeholder}\"", numbers[variant % numbers.Length], StringComparison.Ordinal);
            case Mutation.LoneSurrogate:
                string[] texts = ["\"\\ud800\"", "\"a\\udc00b\"", "\"\\udbff\\u0041\""];
                Replace(parent, name, index, Placeholder);
                return root.ToJsonString().Replace($"\"{Placeholder}\"", texts[variant % texts.Length], StringComparison.Ordinal);
            default:
                Replace(parent, name, index, new string('x', StoredJson.MaxStringLength + 1));
                return root.ToJsonString();
        }
    }

    private static JsonNode? OtherValue(JsonNode? value, int variant)
    {
        JsonNode?[] others = [null, true, 0, -1, 1.5, "text", "", new JsonArray(), new JsonObject(), new JsonArray(1, 2), "2026-01-01T00:00:00Z"];
        var other = others[variant % others.Length];
        return other is not null && value is not null && other.GetValueKind() == value.GetValueKind() && other.ToJsonString() == value.ToJsonString()
            ? others[(variant + 1) % others.Length]
            : other;
    }

    private static void Replace(JsonNode? parent, string? name, int index, JsonNode? value)
    {
        if (parent is JsonObject owner)
        {
            owner[name!] = value;
        }
        else if (parent is JsonArray array)
        {
            array[index] = value;
        }
    }

    private static IEnumerable<(JsonNode? Parent, string? Name, int Index, JsonNode? Value)> Sites(JsonNode node)
    {
        switch (node)
        {
            case JsonObject owner:
                foreach (var (name, value) in owner.ToList())
                {
                    yield return (owner, name, -1, value);
                    if (value is not null)
                    {
                        foreach (var site in Sites(value))
                        {
                            yield return site;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, null, i, array[i]);
                    if (array[i] is { } item)
                    {
                        foreach (var site in Sites(item))
                        {
                            yield return site;
                        }
                    }
                }

                break;
        }
    }

    private static Gen<StoredForm> Forms() =>
        Gen.OneOf(
            Snapshots(AggregateGenerators.Creators(), StoredFormats.Current.Creator),
            Snapshots(AggregateGenerators.Campaigns(), StoredFormats.Current.Campaign),
            Snapshots(AggregateGenerators.Collaborations(), StoredFormats.Current.Collaboration),
            Snapshots(AggregateGenerators.Contracts(), StoredFormats.Current.Contract),
            Snapshots(AggregateGenerators.Invoices(), StoredFormats.Current.Invoice),
            Snapshots(AggregateGenerators.SavedSearches(), StoredFormats.Current.SavedSearch),
            AggregateGenerators.Creators().Select(creator => Record("CreatorListing", creator.ToListing())),
            LedgerTransactions().Select(transaction => Record(nameof(LedgerTransaction), transaction)),
            Events());

    private static Gen<StoredForm> Snapshots<TAggregate, TSnapshot>(Gen<TAggregate> aggregates, SnapshotSchema<TSnapshot> schema)
        where TAggregate : ISnapshotable<TAggregate, TSnapshot>
        where TSnapshot : class =>
        aggregates.Select(aggregate => new StoredForm(
            schema.Aggregate, schema.Write(aggregate.ToSnapshot()), json => schema.Read(json, schema.Version), snapshot => schema.Write((TSnapshot)snapshot)));

    private static StoredForm Record<T>(string name, T value)
        where T : class =>
        new(name, StoredJson.Write(value), StoredJson.Read<T>, read => StoredJson.Write((T)read));

    private static Gen<LedgerTransaction> LedgerTransactions() =>
        from cents in Gen.Choose(2, 10_000_000)
        from released in Gen.Choose(1, cents)
        from collaboration in KernelGenerators.Ids<CollaborationId>()
        from brand in KernelGenerators.Ids<BrandId>()
        from creator in KernelGenerators.Ids<CreatorId>()
        from release in Gen.Elements(false, true)
        select Transaction(cents, released, collaboration, brand, creator, release);

    private static LedgerTransaction Transaction(int cents, int released, CollaborationId collaboration, BrandId brand, CreatorId creator, bool release)
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0), Duration.FromSeconds(1));
        var ledger = new EscrowLedger();
        var charge = ledger.Charge("charge-1", collaboration, brand, Usd(cents), clock).GetValueOrThrow();
        return release
            ? ledger.Release("release-1", collaboration, creator, Usd(released), new FeePolicy(0.1m, null, MidpointRounding.ToEven), clock).GetValueOrThrow()
            : charge;
    }

    private static Money Usd(int cents) => Money.Parse(FormattableString.Invariant($"USD {cents / 100}.{cents % 100:00}"));

    private static Gen<StoredForm> Events() =>
        from events in Gen.OneOf(
            AggregateGenerators.Creators().Select(a => a.PendingEvents),
            AggregateGenerators.Campaigns().Select(a => a.PendingEvents),
            AggregateGenerators.Collaborations().Select(a => a.PendingEvents),
            AggregateGenerators.Contracts().Select(a => a.PendingEvents),
            AggregateGenerators.SavedSearches().Select(a => a.PendingEvents)).Where(events => events.Count > 0)
        from index in Gen.Choose(0, 1_000)
        let stored = DomainEventJson.Write(events[index % events.Count])
        select new StoredForm(
            stored.TypeName, stored.Json, json => DomainEventJson.Read(stored.TypeName, json), read => DomainEventJson.Write((IDomainEvent)read).Json);

    /// <summary>A stored form: its name, a document, and how the library reads and writes it.</summary>
    private sealed record StoredForm(string Name, string Json, Func<string, object> Read, Func<object, string> Write)
    {
        public override string ToString() => Name;
    }
}
