using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Serialization;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Reading a creator's stored document, the step a bulk read from a store spends most of its time in: 256 generated
/// creators' documents (seed 2026, as the stores write them), each read by <c>SnapshotSchema.Read</c> into a
/// <see cref="CreatorSnapshot"/>, and restored into a <see cref="Creator"/>, against parsing the same bytes into a
/// <see cref="JsonDocument"/>, which checks only that they are JSON. The figures are per document.
/// </summary>
[MemoryDiagnoser]
public class StoredFormBenchmarks
{
    private const int Documents = 256;
    private readonly SnapshotSchema<CreatorSnapshot> _schema = StoredFormats.Current.Creator;
    private string[] _documents = [];

    [GlobalSetup]
    public void Setup()
    {
        var clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        _documents = new CreatorGenerator(2026, clock).Generate(Documents).Select(creator => _schema.Write(creator.ToSnapshot())).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Documents, Description = "Parse a creator's document: JsonDocument.Parse")]
    public int Parse()
    {
        var members = 0;
        foreach (var document in _documents)
        {
            using var parsed = JsonDocument.Parse(document);
            members += parsed.RootElement.GetPropertyCount();
        }

        return members;
    }

    [Benchmark(OperationsPerInvoke = Documents, Description = "Read a creator's document: SnapshotSchema.Read")]
    public int Read()
    {
        var accounts = 0;
        foreach (var document in _documents)
        {
            accounts += _schema.Read(document, _schema.Version).Accounts.Count;
        }

        return accounts;
    }

    [Benchmark(OperationsPerInvoke = Documents, Description = "Restore a creator: SnapshotSchema.Restore")]
    public int Restore()
    {
        var accounts = 0;
        foreach (var document in _documents)
        {
            accounts += _schema.Restore<Creator>(document, _schema.Version, 1).Accounts.Count;
        }

        return accounts;
    }
}
