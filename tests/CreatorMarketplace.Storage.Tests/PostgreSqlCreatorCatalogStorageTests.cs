using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage.PostgreSql;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>How the PostgreSQL catalog keeps its rows: migrations, rewrites of a creator's rows, refusals, cancellation.</summary>
public sealed class PostgreSqlCreatorCatalogStorageTests : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 0, 0);
    private readonly List<string> _schemas = [];
    private readonly FakeClock _clock = new(Now, Duration.FromSeconds(1));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgreSqlServer.DropAsync(_schemas);

    [SkippableFact]
    public async Task The_catalog_tables_are_a_migration_of_the_stores_schema_applied_once()
    {
        var (catalog, schema) = NewCatalog();

        await catalog.MigrateAsync();

        (await ScalarAsync<int>($"""SELECT MAX(version) FROM "{schema}".schema_migrations;""")).ShouldBe(PostgreSqlMarketplaceStore.SchemaVersion);
        PostgreSqlMarketplaceStore.SchemaVersion.ShouldBe(11);
        var tables = await ScalarAsync<string[]>($"""SELECT array_agg(table_name::text ORDER BY table_name COLLATE "C") FROM information_schema.tables WHERE table_schema = '{schema}';""");
        tables.ShouldBe(["aggregate_events", "aggregates", "creator_catalog", "creator_catalog_accounts", "creator_catalog_audience", "creator_catalog_checkpoint", "creator_catalog_labels", "creator_identities", "ledger_transactions", "outbox", "post_metrics", "schema_migrations"]);

        // A schema a store made before the catalog existed (at version 1) gains the later tables, once.
        await ExecuteAsync($"""DROP TABLE "{schema}".creator_identities; DROP TABLE "{schema}".creator_catalog CASCADE; DROP TABLE "{schema}".creator_catalog_labels; DROP TABLE "{schema}".creator_catalog_accounts; DROP TABLE "{schema}".creator_catalog_audience; DROP TABLE "{schema}".creator_catalog_checkpoint; DROP TABLE "{schema}".post_metrics; DROP TABLE "{schema}".aggregate_events; DROP INDEX "{schema}".outbox_pending; DROP INDEX "{schema}".outbox_dead_letters; ALTER TABLE "{schema}".outbox DROP COLUMN attempts, DROP COLUMN last_error_type, DROP COLUMN dead_lettered_at, DROP COLUMN acted_by; CREATE INDEX outbox_pending ON "{schema}".outbox (sequence) WHERE delivered_at IS NULL; DELETE FROM "{schema}".schema_migrations WHERE version >= 2;""");
        var store = new PostgreSqlMarketplaceStore(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema });
        var another = new PostgreSqlCreatorCatalog(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema });
        await Task.WhenAll(store.MigrateAsync().AsTask(), another.MigrateAsync().AsTask());
        (await ScalarAsync<long>($"""SELECT count(*) FROM "{schema}".schema_migrations;""")).ShouldBe(PostgreSqlMarketplaceStore.SchemaVersion);
        var listing = new CreatorGenerator(2, _clock).Next().ToListing();
        (await another.UpsertAsync(listing)).ShouldBeTrue();
        (await catalog.FindAsync(listing.Id)).ShouldBe(listing);

        Should.Throw<DomainValidationException>(() => new PostgreSqlCreatorCatalog(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = "Not A Schema" }))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("postgresql.schema_invalid");
        Should.Throw<ArgumentNullException>(() => new PostgreSqlCreatorCatalog(null!));
    }

    [SkippableFact]
    public async Task A_catalog_upgraded_from_version_6_answers_from_the_columns_and_label_rows_its_migration_fills()
    {
        var (catalog, schema) = NewCatalog();
        var reference = new ReferenceCreatorCatalog();
        var listings = new CreatorGenerator(61, _clock).Generate(300).Select(creator => creator.ToListing()).ToList();
        foreach (var listing in listings)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
            (await reference.UpsertAsync(listing)).ShouldBeTrue();
        }

        // The catalog as version 6 left it, holding the creators (and none of the later tables).
        await ExecuteAsync($"""
            DROP TABLE "{schema}".creator_identities;
            DROP TABLE "{schema}".creator_catalog_labels;
            DROP INDEX "{schema}".creator_catalog_search;
            ALTER TABLE "{schema}".creator_catalog DROP COLUMN female_share, DROP COLUMN male_share;
            CREATE INDEX creator_catalog_home_country ON "{schema}".creator_catalog (home_country);
            CREATE INDEX creator_catalog_by_engagement_rate ON "{schema}".creator_catalog (engagement_rate DESC NULLS LAST, id);
            DELETE FROM "{schema}".schema_migrations WHERE version >= 7;
            """);
        var upgraded = new PostgreSqlCreatorCatalog(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema });
        await upgraded.MigrateAsync();

        (await ScalarAsync<long>($"""SELECT count(*) FROM "{schema}".creator_catalog_labels;""")).ShouldBe(listings.Sum(l => l.Profile.ContentLabels.Distinct().Count()));
        foreach (var query in new CreatorQuery[]
        {
            DiscoveryQuery(0.5),
            DiscoveryQuery(0.3) with { FollowerGender = new(AudienceGender.Male, 0.3), Sort = CreatorSort.Followers },
            new() { ContentLabels = [new ContentLabel("beauty"), new ContentLabel("tech")], Countries = [Country.US], PageSize = 100 },
        })
        {
            var (got, want) = ((await upgraded.SearchAsync(query)).AsT0, (await reference.SearchAsync(query)).AsT0);
            got.TotalCount.ShouldBe(want.TotalCount, query.ToString());
            got.Items.ShouldBe(want.Items, query.ToString());
        }
    }

    // The discovery benchmark's six filters, a share of the audience female, the first 100 by engagement.
    private static CreatorQuery DiscoveryQuery(double femaleShare) => new()
    {
        Countries = [Country.US, Country.GB, Country.CA],
        ContentLabels = [new ContentLabel("beauty"), new ContentLabel("fashion"), new ContentLabel("lifestyle")],
        Followers = new(10_000, 1_000_000),
        EngagementRate = new(0.03, null),
        FollowerGender = new(AudienceGender.Female, femaleShare),
        Price = new(Currency.USD, new(null, 5_000m)),
        Sort = CreatorSort.EngagementRate,
        PageSize = 100,
    };

    [SkippableFact]
    public async Task A_newer_version_replaces_every_row_of_the_creator_and_the_answers_follow()
    {
        var (catalog, schema) = NewCatalog();
        var reference = new ReferenceCreatorCatalog();
        var creators = new CreatorGenerator(8, _clock).Generate(60).ToList();
        foreach (var creator in creators)
        {
            await Both(creator);
        }

        // Accounts added and replaced, audience buckets dropped and reported anew, rate cards withdrawn, profiles
        // renamed: each upsert must leave exactly the new version's rows.
        for (var round = 1; round <= 3; round++)
        {
            for (var i = 0; i < creators.Count; i++)
            {
                var creator = creators[i];
                var later = Now + Duration.FromHours(round);
                switch ((i + round) % 5)
                {
                    case 0:
                        creator.LinkAccount(new PlatformAccount(new Handle(Platform.Instagram, $"insta.{i}"), AccountType.Creator, AccountStats.Create(later, (i * 1_013 * round) + 5, medianViews: round * 100L)), new FakeClock(later));
                        break;
                    case 1:
                        creator.UpdateAudience(creator.Audience with { Countries = Distribution.Create([KeyValuePair.Create(round == 2 ? Country.KR : Country.GB, 1.0)]), Age = null }, _clock);
                        break;
                    case 2:
                        creator.SetRateCard(round == 2 ? null : RateCard.Create(Currency.EUR, [KeyValuePair.Create(DeliverableType.Video, Money.FromMinorUnits(500 * round, Currency.EUR))], negotiable: false), _clock);
                        break;
                    case 3:
                        creator.ChangeProfile(creator.Profile with { DisplayName = $"Renamed {round} Ñandú", ContentLabels = [new ContentLabel($"label-{round}")] }, _clock);
                        break;
                    default:
                        creator.RefreshStats(Platform.TikTok, AccountStats.Create(later, 1_000 * (i + round), engagementRate: i % 2 == 0 ? null : 0.01 * round), new FakeClock(later)).ShouldBeTrue();
                        break;
                }

                creator.MarkStored(creator.Version + 1);
                await Both(creator);
            }
        }

        foreach (var creator in creators.Where((_, i) => i % 6 == 0))
        {
            (await catalog.RemoveAsync(creator.Id)).ShouldBeTrue();
            (await reference.RemoveAsync(creator.Id)).ShouldBeTrue();
        }

        var kept = creators.Where((_, i) => i % 6 != 0).Select(c => c.ToListing()).ToList();
        (await ScalarAsync<long>($"""SELECT count(*) FROM "{schema}".creator_catalog_accounts;""")).ShouldBe(kept.Sum(l => l.Accounts.Count));
        (await ScalarAsync<long>($"""SELECT count(*) FROM "{schema}".creator_catalog_audience;"""))
            .ShouldBe(kept.Sum(l => (l.Audience.Gender?.Count ?? 0) + (l.Audience.Age?.Count ?? 0) + (l.Audience.Countries?.Count ?? 0)));
        foreach (var query in new[]
        {
            new CreatorQuery { Platform = Platform.Instagram, Sort = CreatorSort.MedianViews, PageSize = 100 },
            new CreatorQuery { FollowerCountries = [new(Country.GB, 0.5)], PageSize = 100 },
            new CreatorQuery { FollowerCountries = [new(Country.KR, 0.5)], PageSize = 100 },
            new CreatorQuery { FollowerAges = [new(AgeBucket.From18To24, 0)], PageSize = 100 },
            new CreatorQuery { Price = new(Currency.EUR, new(null, 10m)), Sort = CreatorSort.EngagementRate, Descending = false },
            new CreatorQuery { Keyword = "nandu", ContentLabels = [new ContentLabel("label-3")] },
            new CreatorQuery { MajorAudienceCountry = Country.GB, Sort = CreatorSort.Followers },
        })
        {
            var actual = (await catalog.SearchAsync(query)).AsT0;
            var expected = (await reference.SearchAsync(query)).AsT0;
            actual.TotalCount.ShouldBe(expected.TotalCount, query.ToString());
            actual.TotalCount.ShouldBeGreaterThan(0, query.ToString());
            actual.Items.ShouldBe(expected.Items, query.ToString());
        }

        async Task Both(Creator creator)
        {
            (await catalog.UpsertAsync(creator.ToListing())).ShouldBeTrue();
            (await reference.UpsertAsync(creator.ToListing())).ShouldBeTrue();
        }
    }

    [SkippableFact]
    public async Task An_upsert_that_waited_for_another_replaces_the_rows_the_other_wrote()
    {
        var (catalog, schema) = NewCatalog();
        var creator = new CreatorGenerator(4, _clock).Next();
        CreatorListing Version(Country country, bool youTube)
        {
            creator.UpdateAudience(creator.Audience with { Countries = Distribution.Create([KeyValuePair.Create(country, 1.0)]) }, _clock);
            if (youTube)
            {
                creator.LinkAccount(new PlatformAccount(new Handle(Platform.YouTube, "racer"), AccountType.Creator, AccountStats.Create(_clock.GetCurrentInstant(), 5)), _clock);
            }

            creator.MarkStored(creator.Version + 1);
            return creator.ToListing();
        }

        var first = Version(Country.CA, youTube: false);
        var second = Version(Country.US, youTube: true);
        var third = Version(Country.CA, youTube: true);
        (await catalog.UpsertAsync(first)).ShouldBeTrue();

        // Hold the creator's row, queue the second upsert and then the third behind it, and let them go: the third
        // must see what the second wrote (the US bucket) to replace it.
        await using var blocker = await PostgreSqlServer.DataSource().OpenConnectionAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"""SELECT 1 FROM "{schema}".creator_catalog WHERE id = @id FOR UPDATE;""", blocker, hold))
        {
            lockRow.Parameters.AddWithValue("id", creator.Id.Value);
            await lockRow.ExecuteScalarAsync();
        }

        var secondWrite = catalog.UpsertAsync(second).AsTask();
        await WaitingAsync(schema, 1);
        var thirdWrite = catalog.UpsertAsync(third).AsTask();
        await WaitingAsync(schema, 2);
        await hold.CommitAsync();

        (await secondWrite).ShouldBeTrue();
        (await thirdWrite).ShouldBeTrue();
        (await catalog.FindAsync(creator.Id)).ShouldBe(third);
        (await catalog.UpsertAsync(second)).ShouldBeFalse();
        (await ScalarAsync<string[]>($"""SELECT array_agg(bucket ORDER BY bucket COLLATE "C") FROM "{schema}".creator_catalog_audience;""")).ShouldBe([.. AudienceBuckets(third)]);
        (await ScalarAsync<long>($"""SELECT count(*) FROM "{schema}".creator_catalog_accounts;""")).ShouldBe(third.Accounts.Count);
        (await catalog.SearchAsync(new CreatorQuery { FollowerCountries = [new(Country.US, 0.5)] })).AsT0.TotalCount.ShouldBe(0);
    }

    [SkippableFact]
    public async Task A_listing_PostgreSQL_cannot_give_back_exactly_is_refused_naming_the_member()
    {
        var (catalog, _) = NewCatalog();
        var creator = new CreatorGenerator(6, _clock).Next();
        var listing = creator.ToListing();

        // Text PostgreSQL cannot hold never makes a listing: the domain refuses it, naming the member.
        Should.Throw<DomainValidationException>(() => Renamed(creator, bio: "tab\0ed")).Errors.ShouldHaveSingleItem().Field.ShouldBe("Bio");
        Should.Throw<DomainValidationException>(() => Renamed(creator, name: "Half \uD83D pair")).Errors.ShouldHaveSingleItem().Field.ShouldBe("DisplayName");

        // Made with a wider tolerance than the stored form reads with.
        creator.ChangeProfile(listing.Profile, _clock);
        creator.UpdateAudience(Audience.Unknown with { Gender = Distribution.Create([KeyValuePair.Create(AudienceGender.Female, 0.9)], tolerance: 0.2) }, _clock);
        creator.MarkStored(creator.Version + 1);
        (await Should.ThrowAsync<ArgumentException>(async () => await catalog.UpsertAsync(creator.ToListing()))).Message.ShouldContain("cannot be read back");

        (await catalog.FindAsync(listing.Id)).ShouldBeNull();
        (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        await Should.ThrowAsync<ArgumentNullException>(async () => await catalog.UpsertAsync(null!));
        await Should.ThrowAsync<ArgumentNullException>(async () => await catalog.SearchAsync(null!));
    }

    [SkippableFact]
    public async Task A_keyword_PostgreSQL_text_cannot_hold_is_refused_and_a_pair_is_matched_whole()
    {
        var (catalog, _) = NewCatalog();
        var smiling = Renamed(new CreatorGenerator(7, _clock).Next(), name: "Zoë \U0001F600");
        var other = new CreatorGenerator(8, _clock).Next().ToListing();
        (await catalog.UpsertAsync(smiling)).ShouldBeTrue();
        (await catalog.UpsertAsync(other)).ShouldBeTrue();

        // Half of a surrogate pair and NUL are not text a query keeps (a saved search stores its query).
        (await catalog.SearchAsync(new CreatorQuery { Keyword = "\uD83D" })).AsT1.Errors.ShouldHaveSingleItem().Code.ShouldBe("text.unpaired_surrogate");
        (await catalog.SearchAsync(new CreatorQuery { Keyword = "\0" })).AsT1.Errors.ShouldHaveSingleItem().Field.ShouldBe("Keyword");
        (await catalog.SearchAsync(new CreatorQuery { Keyword = "\U0001F600" })).AsT0.Items.ShouldBe([smiling]);
        (await catalog.SearchAsync(new CreatorQuery { Keyword = "zoe \U0001F600" })).AsT0.Items.ShouldBe([smiling]);
    }

    [SkippableFact]
    public async Task Keyword_search_has_a_trigram_index_where_the_database_has_pg_trgm()
    {
        var available = await ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm');");
        if (available)
        {
            await ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        }

        var (catalog, schema) = NewCatalog();
        await catalog.MigrateAsync();
        var indexes = await ScalarAsync<string[]>($"SELECT array_agg(indexname::text) FROM pg_indexes WHERE schemaname = '{schema}' AND tablename = 'creator_catalog';");
        indexes.Contains("creator_catalog_keyword").ShouldBe(available);

        var listings = new CreatorGenerator(9, _clock).Generate(50).Select(c => c.ToListing()).ToList();
        foreach (var listing in listings)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        }

        var query = new CreatorQuery { Keyword = "GARCÍA" };
        var expected = listings.Where(query.Matches).ToList();
        expected.Sort(query.Compare);
        (await catalog.SearchAsync(query)).AsT0.Items.ShouldBe(expected);
    }

    [SkippableFact]
    public async Task A_search_reads_its_page_and_its_counts_from_one_snapshot_while_creators_come_and_go()
    {
        var (catalog, _) = NewCatalog();
        var listings = new CreatorGenerator(12, _clock).Generate(40).Select(creator => creator.ToListing()).ToList();
        var labels = listings.SelectMany(listing => listing.Profile.ContentLabels).Distinct().ToList();

        // Pages larger than the catalog, so that a page holds every creator its total counts: on the listings'
        // table, on the labels' rows, and with facets.
        CreatorQuery[] queries =
        [
            new() { PageSize = 100 },
            new() { PageSize = 100, ContentLabels = [.. labels] },
            new() { PageSize = 100, IncludeFacets = true },
        ];
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            // The catalog fills and empties again, one creator at a time, until the searches end.
            while (!stop.IsCancellationRequested)
            {
                foreach (var listing in listings)
                {
                    (await catalog.UpsertAsync(listing)).ShouldBeTrue();
                }

                foreach (var listing in listings)
                {
                    (await catalog.RemoveAsync(listing.Id)).ShouldBeTrue();
                }
            }
        });

        try
        {
            for (var i = 0; i < 150; i++)
            {
                var page = (await catalog.SearchAsync(queries[i % queries.Length])).AsT0;
                page.Items.Count.ShouldBe(page.TotalCount);
                page.Items.Select(listing => listing.Id).Distinct().Count().ShouldBe(page.TotalCount);
                if (page.Facets is { } facets)
                {
                    facets.ByCountry.Values.Sum().ShouldBe(page.TotalCount);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writes;
        }
    }

    [SkippableFact]
    public async Task A_cancelled_call_throws_and_changes_nothing()
    {
        var (catalog, _) = NewCatalog();
        var listing = new CreatorGenerator(10, _clock).Next().ToListing();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await catalog.UpsertAsync(listing, cancelled.Token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await catalog.SearchAsync(new CreatorQuery(), cancelled.Token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await catalog.FindAsync(listing.Id, cancelled.Token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await catalog.RemoveAsync(listing.Id, cancelled.Token));
        (await catalog.FindAsync(listing.Id)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task The_catalog_keeps_a_checkpoint_that_never_moves_back_and_a_follower_started_again_resumes_after_it()
    {
        var (catalog, schema) = NewCatalog();
        (await catalog.ReadCheckpointAsync()).ShouldBeNull();
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await catalog.SaveCheckpointAsync(-1));
        var store = new PostgreSqlMarketplaceStore(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema });
        var generator = new CreatorGenerator(11, _clock);
        var creators = Enumerable.Range(0, 3).Select(_ => generator.NextNew()).ToList();
        foreach (var creator in creators)
        {
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        await FollowUntilCaughtUpAsync(new CatalogFollower(store, catalog, TimeProvider.System));
        (await catalog.ReadCheckpointAsync()).ShouldBe(await store.Changes.HeadAsync());

        // A row taken away behind the follower's back stays away: a follower started again resumes, it does not reload.
        await ExecuteAsync($"""DELETE FROM "{schema}".creator_catalog WHERE id = '{creators[0].Id.Value}';""");
        var added = generator.NextNew();
        (await store.Creators.SaveAsync(added)).IsSaved.ShouldBeTrue();
        await FollowUntilCaughtUpAsync(new CatalogFollower(store, catalog, TimeProvider.System));
        (await catalog.FindAsync(creators[0].Id)).ShouldBeNull();
        (await catalog.FindAsync(creators[1].Id)).ShouldNotBeNull();
        (await catalog.FindAsync(added.Id)).ShouldNotBeNull();
        var head = await store.Changes.HeadAsync();
        (await catalog.ReadCheckpointAsync()).ShouldBe(head);

        // A follower of the same catalog that is behind does not move the checkpoint back.
        await catalog.SaveCheckpointAsync(1);
        (await catalog.ReadCheckpointAsync()).ShouldBe(head);
    }

    private static async Task FollowUntilCaughtUpAsync(CatalogFollower follower)
    {
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await follower.WaitUntilCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    // Waits until this many of the catalog's statements wait for a lock.
    private static async Task WaitingAsync(string schema, int statements)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var waiting = await ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%{schema}%' AND pid <> pg_backend_pid();");
            if (waiting >= statements)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{statements} statement(s) never waited for a lock.");
    }

    private static IEnumerable<string> AudienceBuckets(CreatorListing listing) =>
        (listing.Audience.Gender?.Keys.Select(k => "gender:" + k.Name) ?? [])
            .Concat(listing.Audience.Age?.Keys.Select(k => "age:" + k.Name) ?? [])
            .Concat(listing.Audience.Countries?.Keys.Select(k => "country:" + k.Code) ?? [])
            .Order(StringComparer.Ordinal);

    private CreatorListing Renamed(Creator creator, string? name = null, string? bio = null)
    {
        creator.ChangeProfile(creator.Profile with { DisplayName = name ?? creator.Profile.DisplayName, Bio = bio ?? creator.Profile.Bio }, _clock);
        creator.MarkStored(creator.Version + 1);
        return creator.ToListing();
    }

    private (PostgreSqlCreatorCatalog Catalog, string Schema) NewCatalog()
    {
        var schema = PostgreSqlServer.NewSchema();
        var catalog = new PostgreSqlCreatorCatalog(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema });
        _schemas.Add(schema);
        return (catalog, schema);
    }

    private static async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = PostgreSqlServer.DataSource().CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var command = PostgreSqlServer.DataSource().CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("creator_marketplace\n")]
    [InlineData("Tenant")]
    [InlineData("")]
    public void A_schema_name_is_refused_unless_it_is_lower_case_letters_digits_and_underscores_to_its_end(string schema)
    {
        // .NET's $ also matches before a final line feed, which PostgreSQL would quote as another schema's name.
        Should.Throw<DomainValidationException>(() => new PostgreSqlStoreOptions { Schema = schema }.Validate())
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("postgresql.schema_invalid");
    }
}
