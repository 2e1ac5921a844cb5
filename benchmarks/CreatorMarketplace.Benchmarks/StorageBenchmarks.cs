using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Serialization;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Storage.Sqlite;
using CreatorMarketplace.Testing;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Saving and loading contracts (generated in every state, with their versions, signatures and terms) in each store,
/// 64 per operation: a save stores a contract again under the version check (a new version each time), a load reads one back and restores it
/// through <c>Contract.FromSnapshot</c>'s checks. The baselines are what an application would write by hand on the
/// same medium without the library: a dictionary of the live objects in memory, and an upsert of the snapshot's JSON
/// with no version check, no outbox and no checks on reading in SQLite and PostgreSQL. PostgreSQL runs when
/// CREATOR_MARKETPLACE_POSTGRES names a server.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class StorageBenchmarks
{
    private const int Batch = 64;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "creator-marketplace-benchmarks", Guid.NewGuid().ToString("N"));
    private Contract[] _contracts = [];
    private IMarketplaceStore _store = null!;
    private Dictionary<Guid, Contract> _objects = [];
    private SqliteConnection? _sqlite;
    private NpgsqlDataSource? _postgres;
    private string _baselineTable = "";

    /// <summary>The store: InMemory, Sqlite or PostgreSql.</summary>
    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "";

    /// <summary>The stores this machine can run.</summary>
    public static IEnumerable<string> Stores() =>
        Environment.GetEnvironmentVariable("CREATOR_MARKETPLACE_POSTGRES") is { Length: > 0 } ? ["InMemory", "Sqlite", "PostgreSql"] : ["InMemory", "Sqlite"];

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        _contracts = AggregateGenerators.Contracts().Sample(Batch, new Rnd(20261130), 50);
        var schema = "bench_" + Guid.NewGuid().ToString("N");
        switch (Store)
        {
            case "InMemory":
                _store = new InMemoryMarketplaceStore();
                _objects = _contracts.ToDictionary(c => c.Id.Value);
                break;
            case "Sqlite":
                _store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = Path.Combine(_folder, "store.db") });
                _sqlite = new SqliteConnection($"Data Source={Path.Combine(_folder, "baseline.db")}");
                _sqlite.Open();
                Execute(_sqlite, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE documents (id TEXT PRIMARY KEY, document TEXT NOT NULL);");
                break;
            default:
                _postgres = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("CREATOR_MARKETPLACE_POSTGRES")!);
                _store = new PostgreSqlMarketplaceStore(_postgres, new PostgreSqlStoreOptions { Schema = schema });
                using (var create = _postgres.CreateCommand($"CREATE SCHEMA {schema}_baseline; CREATE TABLE {schema}_baseline.documents (id uuid PRIMARY KEY, document json NOT NULL);"))
                {
                    create.ExecuteNonQuery();
                }

                _baselineTable = $"{schema}_baseline.documents";
                break;
        }

        foreach (var contract in _contracts)
        {
            _store.Contracts.SaveAsync(contract).AsTask().GetAwaiter().GetResult().ThrowIfConflict();
        }

        BaselineSave();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        _sqlite?.Dispose();
        if (_postgres is not null)
        {
            var schema = ((PostgreSqlMarketplaceStore)_store).Schema;
            using var drop = _postgres.CreateCommand($"DROP SCHEMA {schema} CASCADE; DROP SCHEMA {schema}_baseline CASCADE;");
            drop.ExecuteNonQuery();
            _postgres.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "By hand: upsert the JSON (no version check, no outbox)")]
    [BenchmarkCategory("Save")]
    public void BaselineSave()
    {
        for (var i = 0; i < Batch; i++)
        {
            var contract = _contracts[i];
            switch (Store)
            {
                case "InMemory":
                    _objects[contract.Id.Value] = contract;
                    break;
                case "Sqlite":
                    Execute(_sqlite!, "INSERT INTO documents (id, document) VALUES ($id, $document) ON CONFLICT (id) DO UPDATE SET document = excluded.document;", ("$id", contract.Id.Value.ToString()), ("$document", JsonSerializer.Serialize(contract.ToSnapshot(), CreatorMarketplaceJson.Options)));
                    break;
                default:
                    using (var upsert = _postgres!.CreateCommand($"INSERT INTO {_baselineTable} (id, document) VALUES (@id, @document) ON CONFLICT (id) DO UPDATE SET document = excluded.document;"))
                    {
                        upsert.Parameters.AddWithValue("id", contract.Id.Value);
                        upsert.Parameters.AddWithValue("document", NpgsqlDbType.Json, JsonSerializer.Serialize(contract.ToSnapshot(), CreatorMarketplaceJson.Options));
                        upsert.ExecuteNonQuery();
                    }

                    break;
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "IRepository.SaveAsync (version check, one transaction)")]
    [BenchmarkCategory("Save")]
    public async Task Save()
    {
        foreach (var contract in _contracts)
        {
            (await _store.Contracts.SaveAsync(contract)).ThrowIfConflict();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "By hand: read the JSON, deserialize (no checks)")]
    [BenchmarkCategory("Load")]
    public object? BaselineLoad()
    {
        object? last = null;
        for (var i = 0; i < Batch; i++)
        {
            var id = _contracts[i].Id.Value;
            switch (Store)
            {
                case "InMemory":
                    last = _objects[id];
                    break;
                case "Sqlite":
                    using (var select = _sqlite!.CreateCommand())
                    {
                        select.CommandText = "SELECT document FROM documents WHERE id = $id;";
                        select.Parameters.AddWithValue("$id", id.ToString());
                        last = JsonSerializer.Deserialize<ContractSnapshot>((string)select.ExecuteScalar()!, CreatorMarketplaceJson.Options);
                    }

                    break;
                default:
                    using (var select = _postgres!.CreateCommand($"SELECT document::text FROM {_baselineTable} WHERE id = @id;"))
                    {
                        select.Parameters.AddWithValue("id", id);
                        last = JsonSerializer.Deserialize<ContractSnapshot>((string)select.ExecuteScalar()!, CreatorMarketplaceJson.Options);
                    }

                    break;
            }
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "IRepository.FindAsync (restored through FromSnapshot)")]
    [BenchmarkCategory("Load")]
    public async Task<Contract?> Load()
    {
        Contract? last = null;
        foreach (var contract in _contracts)
        {
            last = await _store.Contracts.FindAsync(contract.Id);
        }

        return last;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
