using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.Creators;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>
/// A creator's stored form is read the quick way (its records by converters of their own); it must read exactly what
/// the general way reads, and whatever it refuses must be refused with the general way's message and path.
/// </summary>
public class QuickReadingTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 30, 9, 0), Duration.FromSeconds(1));

    private static readonly JsonNode?[] OtherValues =
        [null, true, 0, -1, 1.5, "text", "", "2026-01-01T00:00:00Z", new JsonArray(), new JsonObject(), new JsonArray(1, 2)];

    [Property(MaxTest = 100)]
    public Property Generated_creators_are_read_quickly_to_what_the_general_reading_gives() =>
        Prop.ForAll(AggregateGenerators.Creators().ToArbitrary(), creator =>
        {
            var json = StoredJson.Write(creator.ToSnapshot());
            var quick = ReadQuickly(json);
            return (quick is not null).Label("read quickly")
                .And((quick is not null && StoredJson.Write(quick) == StoredJson.Write(ReadGenerally(json))).Label("the same record as the general reading"));
        });

    [Fact]
    public void Every_damage_to_a_creators_document_is_read_or_refused_as_the_general_reading_does()
    {
        var generator = new CreatorGenerator(19, Clock);
        var refusedQuickly = 0;
        foreach (var creator in generator.Generate(6))
        {
            var json = StoredJson.Write(creator.ToSnapshot());
            foreach (var damaged in Damage(json))
            {
                refusedQuickly += ReadQuickly(damaged) is null ? 1 : 0;
                ShouldReadAsTheGeneralReadingDoes(damaged);
            }
        }

        // Most damage is refused; each refusal above came from the general reading.
        refusedQuickly.ShouldBeGreaterThan(1_000);
    }

    [Theory]
    [InlineData("a member repeated", "$.profile.bio", "$.profile.bio: the member appears more than once; each member of a stored record appears once.")]
    [InlineData("a member missing", "$.accounts[0]", "JSON deserialization for type 'CreatorMarketplace.Creators.PlatformAccount' was missing required properties")]
    [InlineData("an unknown member", "$.audience.tone", "'tone' could not be mapped")]
    [InlineData("a wrong type", "$.pastCollaborations[0].count", "The JSON value could not be converted to")]
    [InlineData("null where not allowed", "$.profile.displayName", null)]
    [InlineData("a computed member that does not match", "$.accounts[0].platform", "PlatformAccount.Platform: is computed from the other members")]
    [InlineData("a value the domain refuses", "$.complianceHistory[0].code", "ComplianceViolation.Code: ")]
    public void Each_refusal_is_the_general_readings_with_its_path(string damage, string path, string? excerpt)
    {
        var document = JsonNode.Parse(StoredJson.Write(Creator().ToSnapshot()))!.AsObject();
        var json = damage switch
        {
            "a member repeated" => document.ToJsonString().Replace("\"bio\":", "\"bio\":\"twice\",\"bio\":", StringComparison.Ordinal),
            "a member missing" => Change(document, d => d["accounts"]![0]!.AsObject().Remove("stats")),
            "an unknown member" => Change(document, d => d["audience"]!["tone"] = "warm"),
            "a wrong type" => Change(document, d => d["pastCollaborations"]![0]!["count"] = "3"),
            "null where not allowed" => Change(document, d => d["profile"]!["displayName"] = null),
            "a computed member that does not match" => Change(document, d => d["accounts"]![0]!["platform"] = d["accounts"]![0]!["platform"]!.GetValue<string>() == "TikTok" ? "YouTube" : "TikTok"),
            _ => Change(document, d => d["complianceHistory"]![0]!["code"] = " "),
        };

        ReadQuickly(json).ShouldBeNull(damage);
        var general = Should.Throw<JsonException>(() => ReadGenerally(json));
        var error = Should.Throw<JsonException>(() => StoredFormats.Current.Creator.Read(json, 1));

        error.Message.ShouldBe($"Creator snapshot (schema version 1): {general.Message}");
        error.Path.ShouldBe(general.Path);
        if (damage != "a member missing")
        {
            // A missing member is reported at the object it is missing from.
            error.Path.ShouldBe(path);
        }

        if (excerpt is not null)
        {
            error.Message.ShouldContain(excerpt);
        }
    }

    private static Creator Creator()
    {
        // A creator with every record the stored form has: a violation, a past collaboration and an age breakdown.
        var generator = new CreatorGenerator(7, Clock);
        return generator.Generate(200).First(c =>
        {
            var snapshot = c.ToSnapshot();
            return snapshot.ComplianceHistory.Count > 0 && snapshot.PastCollaborations.Count > 0 && snapshot.Audience.Age is not null;
        });
    }

    private static void ShouldReadAsTheGeneralReadingDoes(string json)
    {
        var (general, generalError) = Attempt(() => ReadGenerally(json));
        var (read, error) = Attempt(() => StoredFormats.Current.Creator.Read(json, 1));
        if (generalError is null)
        {
            error.ShouldBeNull(json);
            StoredJson.Write(read!).ShouldBe(StoredJson.Write(general!), json);
            return;
        }

        var refused = error.ShouldBeOfType<JsonException>(json);
        refused.Message.ShouldBe($"Creator snapshot (schema version 1): {generalError.Message}", json);
        refused.Path.ShouldBe(((JsonException)generalError).Path, json);
    }

    private static (CreatorSnapshot? Read, Exception? Error) Attempt(Func<CreatorSnapshot> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception exception)
        {
            return (null, exception);
        }
    }

    private static CreatorSnapshot? ReadQuickly(string json) =>
        StoredJson.TryReadQuickly(Encoding.UTF8.GetBytes(json), typeof(CreatorSnapshot), out var read) ? (CreatorSnapshot)read! : null;

    private static CreatorSnapshot ReadGenerally(string json) => (CreatorSnapshot)StoredJson.Read(json, typeof(CreatorSnapshot), quickly: false);

    private static string Change(JsonObject document, Action<JsonObject> change)
    {
        var copy = document.DeepClone().AsObject();
        change(copy);
        return copy.ToJsonString();
    }

    // Every member removed, every object given an unknown member, and every value replaced by each other kind of value.
    private static IEnumerable<string> Damage(string json)
    {
        var sites = Sites(JsonNode.Parse(json)!, []).ToList();
        foreach (var (path, value) in sites)
        {
            if (path.Count > 0 && path[^1] is string)
            {
                yield return Edit(json, path, (parent, last) => parent.AsObject().Remove((string)last));
            }

            if (value is JsonObject)
            {
                yield return Edit(json, [.. path, "x"], (parent, last) => parent.AsObject()["unknown"] = 1);
            }

            if (path.Count == 0)
            {
                continue;
            }

            foreach (var other in OtherValues)
            {
                if (other?.ToJsonString() != value?.ToJsonString())
                {
                    yield return Edit(json, path, (parent, last) =>
                    {
                        if (last is string name)
                        {
                            parent[name] = other?.DeepClone();
                        }
                        else
                        {
                            parent[(int)last] = other?.DeepClone();
                        }
                    });
                }
            }
        }
    }

    private static string Edit(string json, IReadOnlyList<object> path, Action<JsonNode, object> edit)
    {
        var root = JsonNode.Parse(json)!;
        var parent = root;
        foreach (var step in path.Take(path.Count - 1))
        {
            parent = step is string name ? parent[name]! : parent[(int)step]!;
        }

        edit(parent, path[^1]);
        return root.ToJsonString();
    }

    private static IEnumerable<(IReadOnlyList<object> Path, JsonNode? Value)> Sites(JsonNode? node, IReadOnlyList<object> path)
    {
        yield return (path, node);
        var children = node switch
        {
            JsonObject owner => owner.Select(member => ((object)member.Key, member.Value)).ToList(),
            JsonArray array => array.Select((item, i) => ((object)i, item)).ToList(),
            _ => [],
        };
        foreach (var (step, child) in children)
        {
            foreach (var site in Sites(child, [.. path, step]))
            {
                yield return site;
            }
        }
    }
}
