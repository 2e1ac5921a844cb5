using System.Text.Json;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace CreatorMarketplace.Storage.PostgreSql;

// A listing as the catalog's tables hold it: the document, one value per indexed column, a row per account and a
// row per audience bucket. Every value is computed here, in .NET, by the same code the query's definition uses
// (KeywordText.Fold, Distribution.Major, the double a search position holds), so SQL only compares.
internal sealed class CatalogRow
{
    // The catalog table's columns, each bound to the parameter of the same name.
    private static readonly string[] Columns =
    [
        "id", "version", "document", "home_country", "home_subdivision", "languages", "content_labels", "industry_labels",
        "followers", "average_views", "median_views", "engagement_rate", "tier", "followers_order", "median_views_order",
        "price_currency", "price_minor", "past_campaigns", "badges", "on_vacation", "gender_known", "age_known", "countries_known",
        "major_gender", "major_age", "major_country", "handles_folded", "name_folded", "bio_folded", "keyword_text",
        "female_share", "male_share",
    ];

    // The columns a content label's row repeats from its listing's, for the searches that filter on labels and these
    // alone (CatalogSearch): the discovery benchmark's six filters.
    public static readonly string[] LabelColumns =
        ["home_country", "price_currency", "followers", "engagement_rate", "female_share", "male_share", "price_minor"];

    private static readonly int[] LabelColumnPositions = [.. LabelColumns.Select(column => Array.IndexOf(Columns, column))];

    private static readonly string[] AccountColumns =
        ["platform", "followers", "average_views", "median_views", "engagement_rate", "tier", "followers_order", "median_views_order"];

    private readonly List<(string Name, object? Value, NpgsqlDbType Type)> _values = [];

    private CatalogRow(Guid id)
    {
        Id = id;
    }

    // The creator's id.
    public Guid Id { get; }

    // The bucket names of the audience table.
    public static string GenderBucket(AudienceGender gender) => "gender:" + gender.Name;

    public static string AgeBucket(AgeBucket age) => "age:" + age.Name;

    public static string CountryBucket(Country country) => "country:" + country.Code;

    // The catalog's column holding a gender's share, for the genders that have one.
    public static string? GenderShareColumn(AudienceGender gender) =>
        gender == AudienceGender.Female ? "female_share" : gender == AudienceGender.Male ? "male_share" : null;

    // One statement, so that a search sees the listing's rows all old or all new: the listing is written only over
    // an older version, and its accounts and audience buckets only when it was. Its snapshot must see the rows of
    // the creator's previous upsert (the catalog takes a lock per creator first), or it would leave them behind.
    public static string UpsertSql(PostgreSqlDatabase database) =>
        $"""
        WITH listing AS (
            INSERT INTO {database.Table(CatalogTables.Listings)} AS stored ({string.Join(", ", Columns)})
            VALUES ({string.Join(", ", Columns.Select(c => "@" + c))})
            ON CONFLICT (id) DO UPDATE SET {string.Join(", ", Columns.Skip(1).Select(c => $"{c} = EXCLUDED.{c}"))}
            WHERE stored.version < EXCLUDED.version
            RETURNING id
        ),
        {ReplaceChildRowsSql(database, "listing", "@")}
        SELECT count(*) FROM listing;
        """;

    // The statements that replace the account, audience and label rows of the creators a statement wrote (the rows of
    // `written`, by id) with the listings': the arrays are the upsert's parameters ("@account_platform") or a load's
    // copied columns ("written.account_platform"). Rows of platforms, buckets and labels a listing no longer has go;
    // the others are inserted or updated, never deleted and inserted again, which one statement could not do to one key.
    private static string ReplaceChildRowsSql(PostgreSqlDatabase database, string written, string arrays)
    {
        var accounts = database.Table(CatalogTables.Accounts);
        var audience = database.Table(CatalogTables.Audience);
        var labels = database.Table(CatalogTables.Labels);
        return $"""
            stale_labels AS (
                DELETE FROM {labels} x USING {written} WHERE x.id = {written}.id AND NOT (x.label = ANY ({arrays}content_labels))
            ),
            fresh_labels AS (
                INSERT INTO {labels} (id, label, {string.Join(", ", LabelColumns)}, earlier_labels)
                SELECT {written}.id, x.label, {string.Join(", ", LabelColumns.Select(c => arrays + c))},
                    (SELECT array_agg(y) FROM unnest({arrays}content_labels) AS y WHERE y < x.label COLLATE "C")
                FROM {written} CROSS JOIN unnest({arrays}content_labels) AS x (label)
                ON CONFLICT (id, label) DO UPDATE SET {string.Join(", ", LabelColumns.Select(c => $"{c} = EXCLUDED.{c}"))}, earlier_labels = EXCLUDED.earlier_labels
            ),
            stale_accounts AS (
                DELETE FROM {accounts} a USING {written} WHERE a.creator_id = {written}.id AND NOT (a.platform = ANY ({arrays}account_platform))
            ),
            fresh_accounts AS (
                INSERT INTO {accounts} (creator_id, {string.Join(", ", AccountColumns)})
                SELECT {written}.id, x.* FROM {written}
                CROSS JOIN unnest({string.Join(", ", AccountColumns.Select(c => arrays + "account_" + c))}) AS x ({string.Join(", ", AccountColumns)})
                ON CONFLICT (creator_id, platform) DO UPDATE SET {string.Join(", ", AccountColumns.Skip(1).Select(c => $"{c} = EXCLUDED.{c}"))}
            ),
            stale_audience AS (
                DELETE FROM {audience} s USING {written} WHERE s.creator_id = {written}.id AND NOT (s.bucket = ANY ({arrays}audience_bucket))
            ),
            fresh_audience AS (
                INSERT INTO {audience} (creator_id, bucket, share)
                SELECT {written}.id, x.bucket, x.share FROM {written} CROSS JOIN unnest({arrays}audience_bucket, {arrays}audience_share) AS x (bucket, share)
                ON CONFLICT (creator_id, bucket) DO UPDATE SET share = EXCLUDED.share
            )
            """;
    }

    /// <summary>The row of a listing, or an <see cref="ArgumentException"/> when PostgreSQL could not give it back exactly.</summary>
    public static CatalogRow From(CreatorListing listing)
    {
        // Text PostgreSQL cannot hold (U+0000, half a surrogate pair) never gets here: the domain's TextRule
        // refuses it in every listing.
        var document = ListingDocument.Write(listing);
        try
        {
            // A listing that does not read back as written would be found or searched as another: refuse it now
            // (a distribution made with a wider tolerance than its stored form reads with, say).
            if (!ListingDocument.Read(document).Equals(listing))
            {
                throw new ArgumentException("listing: its stored form does not read back as the same listing.", nameof(listing));
            }
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"listing: its stored form cannot be read back: {exception.Message}", nameof(listing), exception);
        }

        var profile = listing.Profile;
        var primary = listing.PrimaryAccount.Stats;
        var lowestPrice = listing.RateCard?.LowestPrice;
        var audience = listing.Audience;
        var handles = listing.Accounts.Select(account => KeywordText.Fold(account.Handle.Value)).ToArray();
        var name = KeywordText.Fold(profile.DisplayName);
        var bio = KeywordText.Fold(profile.Bio);
        var row = new CatalogRow(listing.Id.Value);
        row.Add("id", listing.Id.Value, NpgsqlDbType.Uuid);
        row.Add("version", listing.Version, NpgsqlDbType.Bigint);
        row.Add("document", document, NpgsqlDbType.Json);
        row.Add("home_country", profile.HomeCountry.Code, NpgsqlDbType.Text);
        row.Add("home_subdivision", profile.HomeSubdivision?.Code, NpgsqlDbType.Text);
        row.Add("languages", profile.Languages.Select(language => language.Code).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        row.Add("content_labels", profile.ContentLabels.Select(label => label.Id).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        row.Add("industry_labels", profile.IndustryLabels.Select(label => label.Id).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        row.Add("followers", primary.Followers, NpgsqlDbType.Bigint);
        row.Add("average_views", primary.AverageViews, NpgsqlDbType.Bigint);
        row.Add("median_views", primary.MedianViews, NpgsqlDbType.Bigint);
        row.Add("engagement_rate", primary.EngagementRate, NpgsqlDbType.Double);
        row.Add("tier", (short)primary.Tier.Value, NpgsqlDbType.Smallint);
        row.Add("followers_order", (double)primary.Followers, NpgsqlDbType.Double);
        row.Add("median_views_order", (double?)primary.MedianViews, NpgsqlDbType.Double);
        row.Add("price_currency", lowestPrice?.Currency.Code, NpgsqlDbType.Text);
        row.Add("price_minor", lowestPrice?.MinorUnits, NpgsqlDbType.Bigint);
        row.Add("past_campaigns", listing.PastCampaignCount, NpgsqlDbType.Integer);
        row.Add("badges", listing.Badges.Select(badge => badge.Name).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        row.Add("on_vacation", listing.OnVacation, NpgsqlDbType.Boolean);
        row.Add("gender_known", audience.Gender is not null, NpgsqlDbType.Boolean);
        row.Add("age_known", audience.Age is not null, NpgsqlDbType.Boolean);
        row.Add("countries_known", audience.Countries is not null, NpgsqlDbType.Boolean);
        row.Add("major_gender", audience.Gender is { Count: > 0 } genders ? genders.Major().Key.Name : null, NpgsqlDbType.Text);
        row.Add("major_age", audience.Age is { Count: > 0 } ages ? ages.Major().Key.Name : null, NpgsqlDbType.Text);
        row.Add("major_country", audience.Countries is { Count: > 0 } countries ? countries.Major().Key.Code : null, NpgsqlDbType.Text);
        row.Add("handles_folded", handles, NpgsqlDbType.Array | NpgsqlDbType.Text);
        row.Add("name_folded", name, NpgsqlDbType.Text);
        row.Add("bio_folded", bio, NpgsqlDbType.Text);

        // Only a coarse filter (a trigram index can serve it): each field decides on its own which rank matches.
        row.Add("keyword_text", string.Join('\n', [.. handles, name, bio]), NpgsqlDbType.Text);

        // The two genders' shares beside the audience rows, so that the commonest threshold reads no other table:
        // null when the breakdown is not reported, 0 when the gender is not listed, as AudienceThreshold reads them.
        row.Add("female_share", audience.Gender?[AudienceGender.Female].Fraction, NpgsqlDbType.Double);
        row.Add("male_share", audience.Gender?[AudienceGender.Male].Fraction, NpgsqlDbType.Double);

        var accounts = listing.Accounts;
        row.Add("account_platform", accounts.Select(a => a.Platform.Name).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        row.Add("account_followers", accounts.Select(a => a.Stats.Followers).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        row.Add("account_average_views", accounts.Select(a => a.Stats.AverageViews).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        row.Add("account_median_views", accounts.Select(a => a.Stats.MedianViews).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        row.Add("account_engagement_rate", accounts.Select(a => a.Stats.EngagementRate).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
        row.Add("account_tier", accounts.Select(a => (short)a.Stats.Tier.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint);
        row.Add("account_followers_order", accounts.Select(a => (double)a.Stats.Followers).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
        row.Add("account_median_views_order", accounts.Select(a => (double?)a.Stats.MedianViews).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);

        var buckets = new List<(string Bucket, double Share)>();
        buckets.AddRange(audience.Gender?.Select(pair => (GenderBucket(pair.Key), pair.Value.Fraction)) ?? []);
        buckets.AddRange(audience.Age?.Select(pair => (AgeBucket(pair.Key), pair.Value.Fraction)) ?? []);
        buckets.AddRange(audience.Countries?.Select(pair => (CountryBucket(pair.Key), pair.Value.Fraction)) ?? []);
        row.Add("audience_bucket", buckets.Select(b => b.Bucket).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        row.Add("audience_share", buckets.Select(b => b.Share).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
        return row;
    }

    public void AddTo(NpgsqlParameterCollection parameters)
    {
        foreach (var (name, value, type) in _values)
        {
            parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        }
    }

    // A bulk load copies rows into a table of these columns (one per parameter of the upsert, the same for every
    // row), then merges them as the upsert does.
    public string LoadTableSql(string table) =>
        $"CREATE TEMP TABLE {table} (ordinal integer NOT NULL, {string.Join(", ", _values.Select(column => $"{column.Name} {SqlType(column.Type)}"))}) ON COMMIT DROP;";

    public string CopySql(string table) =>
        $"COPY {table} (ordinal, {string.Join(", ", _values.Select(column => column.Name))}) FROM STDIN (FORMAT BINARY)";

    // Merges the copied rows as upserting each in the order of their ordinals does: each creator's newest version
    // (the first of equal ones), written only over an older one, its accounts and audience buckets replaced with it.
    // Returns the ids written.
    public static string MergeSql(PostgreSqlDatabase database, string table) =>
        $"""
        WITH chosen AS (
            SELECT DISTINCT ON (id) * FROM {table} ORDER BY id, version DESC, ordinal
        ),
        listing AS (
            INSERT INTO {database.Table(CatalogTables.Listings)} AS stored ({string.Join(", ", Columns)})
            SELECT {string.Join(", ", Columns)} FROM chosen ORDER BY id
            ON CONFLICT (id) DO UPDATE SET {string.Join(", ", Columns.Skip(1).Select(c => $"{c} = EXCLUDED.{c}"))}
            WHERE stored.version < EXCLUDED.version
            RETURNING id
        ),
        written AS (
            SELECT chosen.* FROM chosen JOIN listing USING (id)
        ),
        {ReplaceChildRowsSql(database, "written", "written.")}
        SELECT id FROM listing;
        """;

    public async Task WriteToAsync(NpgsqlBinaryImporter importer, int ordinal, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(ordinal, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        foreach (var (_, value, type) in _values)
        {
            await WriteValueAsync(importer, value, type, cancellationToken).ConfigureAwait(false);
        }
    }

    // A load into an empty catalog copies the rows straight into the three tables (a listing's row, a row per account
    // and a row per audience bucket), FREEZE since the load made the tables: their rows are visible to every later
    // transaction at once, and no vacuum has to mark their pages so before an index-only scan may skip them.
    public static string CopyListingsSql(string table) =>
        $"COPY {table} ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY, FREEZE)";

    public static string CopyAccountsSql(string table) =>
        $"COPY {table} (creator_id, {string.Join(", ", AccountColumns)}) FROM STDIN (FORMAT BINARY, FREEZE)";

    public static string CopyLabelsSql(string table) =>
        $"COPY {table} (id, label, {string.Join(", ", LabelColumns)}, earlier_labels) FROM STDIN (FORMAT BINARY, FREEZE)";

    public static string CopyAudienceSql(string table) =>
        $"COPY {table} (creator_id, bucket, share) FROM STDIN (FORMAT BINARY, FREEZE)";

    // The listing's values are the first ones, in the order of Columns; the accounts' arrays follow in the order of
    // AccountColumns, then the audience's buckets and shares.
    public async Task WriteListingAsync(NpgsqlBinaryImporter importer, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < Columns.Length; i++)
        {
            var (name, value, type) = _values[i];
            if (name != Columns[i])
            {
                throw new InvalidOperationException($"The row's value {i} is {name}, not {Columns[i]}.");
            }

            await WriteValueAsync(importer, value, type, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task WriteAccountsAsync(NpgsqlBinaryImporter importer, CancellationToken cancellationToken)
    {
        var arrays = _values.GetRange(Columns.Length, AccountColumns.Length);
        for (var account = 0; account < ((Array)arrays[0].Value!).Length; account++)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(Id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            foreach (var (_, values, type) in arrays)
            {
                await WriteValueAsync(importer, ((Array)values!).GetValue(account), type & ~NpgsqlDbType.Array, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task WriteAudienceAsync(NpgsqlBinaryImporter importer, CancellationToken cancellationToken)
    {
        var (buckets, shares) = ((string[])_values[^2].Value!, (double[])_values[^1].Value!);
        for (var i = 0; i < buckets.Length; i++)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(Id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(buckets[i], NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(shares[i], NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task WriteLabelsAsync(NpgsqlBinaryImporter importer, CancellationToken cancellationToken)
    {
        var labels = (string[])_values[Array.IndexOf(Columns, "content_labels")].Value!;
        foreach (var label in labels)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(Id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(label, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            foreach (var position in LabelColumnPositions)
            {
                var (_, value, type) = _values[position];
                await WriteValueAsync(importer, value, type, cancellationToken).ConfigureAwait(false);
            }

            // Ordinal order here, bytewise in SQL: a creator's rows are always written together, by one or the other.
            var earlier = labels.Where(other => string.CompareOrdinal(other, label) < 0).ToArray();
            await WriteValueAsync(importer, earlier.Length > 0 ? earlier : null, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteValueAsync(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string SqlType(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Uuid => "uuid",
        NpgsqlDbType.Bigint => "bigint",
        NpgsqlDbType.Integer => "integer",
        NpgsqlDbType.Smallint => "smallint",
        NpgsqlDbType.Double => "double precision",
        NpgsqlDbType.Boolean => "boolean",
        NpgsqlDbType.Text => "text",
        NpgsqlDbType.Json => "json",
        _ when type.HasFlag(NpgsqlDbType.Array) => SqlType(type & ~NpgsqlDbType.Array) + "[]",
        _ => throw new InvalidOperationException($"No SQL type for {type}."),
    };

    private void Add(string name, object? value, NpgsqlDbType type) => _values.Add((name, value, type));
}

// Listings as JSON documents, in the one stored form the serialization package defines.
internal static class ListingDocument
{
    public static string Write(CreatorListing listing) => StoredJson.Write(listing);

    public static CreatorListing Read(string document) =>
        StoredJson.Read<CreatorListing>(document);
}
