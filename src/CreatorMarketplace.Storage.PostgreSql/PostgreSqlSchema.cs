using CreatorMarketplace.Storage.Relational;
using Npgsql;

namespace CreatorMarketplace.Storage.PostgreSql;

// The store's tables, as numbered migrations recorded in a table of their own. Each migration runs in one
// transaction with its record, under an advisory lock, so instances starting together apply it once.
//
// Documents are json, not jsonb: jsonb reorders an object's members, and the order of a distribution's buckets
// is part of its meaning (the first listed wins a tie), so a document must come back exactly as written. Queries
// use the indexed columns beside the documents.
internal static class PostgreSqlSchema
{
    private static readonly Func<string, string>[] Migrations =
    [
        schema => $"""
            CREATE TABLE "{schema}".aggregates (
                kind text NOT NULL,
                id uuid NOT NULL,
                version bigint NOT NULL CHECK (version >= 1),
                schema_version integer NOT NULL CHECK (schema_version >= 1),
                document json NOT NULL,
                PRIMARY KEY (kind, id)
            );

            CREATE TABLE "{schema}".outbox (
                sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event_id uuid NOT NULL UNIQUE,
                aggregate text NOT NULL,
                aggregate_id uuid NOT NULL,
                aggregate_version bigint NOT NULL,
                event_type text NOT NULL,
                payload json NOT NULL,
                occurred_at timestamptz NOT NULL,
                delivered_at timestamptz NULL
            );
            CREATE INDEX outbox_pending ON "{schema}".outbox (sequence) WHERE delivered_at IS NULL;

            CREATE TABLE "{schema}".ledger_transactions (
                key text NOT NULL PRIMARY KEY,
                first_sequence bigint NOT NULL UNIQUE CHECK (first_sequence >= 1),
                last_sequence bigint NOT NULL UNIQUE CHECK (last_sequence >= first_sequence),
                posted_at timestamptz NOT NULL,
                document json NOT NULL
            );
            CREATE FUNCTION "{schema}".refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'ledger transactions are append-only: correct one by appending a reversal';
            END
            $$;
            CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON "{schema}".ledger_transactions
                FOR EACH ROW EXECUTE FUNCTION "{schema}".refuse_ledger_change();
            CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON "{schema}".ledger_transactions
                FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".refuse_ledger_change();
            """,

        // The creator catalog (PostgreSqlCreatorCatalog): each listing's document beside a column for every filter
        // and sort SQL decides. Numbers are stored as the listing holds them (bigint, double precision) and the
        // sort keys as the doubles a search position holds, so comparisons in SQL are the query's own.
        schema => $"""
            CREATE TABLE "{schema}".creator_catalog (
                id uuid PRIMARY KEY,
                version bigint NOT NULL CHECK (version >= 0),
                document json NOT NULL,
                home_country text NOT NULL,
                home_subdivision text NULL,
                languages text[] NOT NULL,
                content_labels text[] NOT NULL,
                industry_labels text[] NOT NULL,
                followers bigint NOT NULL,
                average_views bigint NULL,
                median_views bigint NULL,
                engagement_rate double precision NULL,
                tier smallint NOT NULL,
                followers_order double precision NOT NULL,
                median_views_order double precision NULL,
                price_currency text NULL,
                price_minor bigint NULL,
                past_campaigns integer NOT NULL,
                badges text[] NOT NULL,
                on_vacation boolean NOT NULL,
                gender_known boolean NOT NULL,
                age_known boolean NOT NULL,
                countries_known boolean NOT NULL,
                major_gender text NULL,
                major_age text NULL,
                major_country text NULL,
                handles_folded text[] NOT NULL,
                name_folded text NOT NULL,
                bio_folded text NOT NULL,
                keyword_text text NOT NULL
            );
            CREATE INDEX creator_catalog_home_country ON "{schema}".creator_catalog (home_country);
            CREATE INDEX creator_catalog_home_subdivision ON "{schema}".creator_catalog (home_subdivision) WHERE home_subdivision IS NOT NULL;
            CREATE INDEX creator_catalog_languages ON "{schema}".creator_catalog USING gin (languages);
            CREATE INDEX creator_catalog_content_labels ON "{schema}".creator_catalog USING gin (content_labels);
            CREATE INDEX creator_catalog_industry_labels ON "{schema}".creator_catalog USING gin (industry_labels);
            CREATE INDEX creator_catalog_badges ON "{schema}".creator_catalog USING gin (badges);
            CREATE INDEX creator_catalog_tier ON "{schema}".creator_catalog (tier);
            CREATE INDEX creator_catalog_followers ON "{schema}".creator_catalog (followers);
            CREATE INDEX creator_catalog_average_views ON "{schema}".creator_catalog (average_views);
            CREATE INDEX creator_catalog_median_views ON "{schema}".creator_catalog (median_views);
            CREATE INDEX creator_catalog_price ON "{schema}".creator_catalog (price_currency, price_minor);
            CREATE INDEX creator_catalog_past_campaigns ON "{schema}".creator_catalog (past_campaigns);
            CREATE INDEX creator_catalog_major_gender ON "{schema}".creator_catalog (major_gender);
            CREATE INDEX creator_catalog_major_age ON "{schema}".creator_catalog (major_age);
            CREATE INDEX creator_catalog_major_country ON "{schema}".creator_catalog (major_country);
            CREATE INDEX creator_catalog_by_followers ON "{schema}".creator_catalog (followers_order DESC, id);
            CREATE INDEX creator_catalog_by_median_views ON "{schema}".creator_catalog (median_views_order DESC NULLS LAST, id);
            CREATE INDEX creator_catalog_by_engagement_rate ON "{schema}".creator_catalog (engagement_rate DESC NULLS LAST, id);

            -- Every account of every creator, for searches that name a platform.
            CREATE TABLE "{schema}".creator_catalog_accounts (
                creator_id uuid NOT NULL REFERENCES "{schema}".creator_catalog (id) ON DELETE CASCADE,
                platform text NOT NULL,
                followers bigint NOT NULL,
                average_views bigint NULL,
                median_views bigint NULL,
                engagement_rate double precision NULL,
                tier smallint NOT NULL,
                followers_order double precision NOT NULL,
                median_views_order double precision NULL,
                PRIMARY KEY (creator_id, platform)
            );
            CREATE INDEX creator_catalog_accounts_followers ON "{schema}".creator_catalog_accounts (platform, followers);

            -- One row per reported audience bucket: 'gender:Female', 'age:18-24', 'country:US'.
            CREATE TABLE "{schema}".creator_catalog_audience (
                creator_id uuid NOT NULL REFERENCES "{schema}".creator_catalog (id) ON DELETE CASCADE,
                bucket text NOT NULL,
                share double precision NOT NULL,
                PRIMARY KEY (creator_id, bucket)
            );
            CREATE INDEX creator_catalog_audience_share ON "{schema}".creator_catalog_audience (bucket, share, creator_id);

            -- Keyword search looks for a substring; where the database has pg_trgm, a trigram index finds it.
            DO $$
            DECLARE
                trigram_schema text;
            BEGIN
                SELECT n.nspname INTO trigram_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
                IF trigram_schema IS NOT NULL THEN
                    EXECUTE format('CREATE INDEX creator_catalog_keyword ON %I.creator_catalog USING gin (keyword_text %I.gin_trgm_ops)', '{schema}', trigram_schema);
                END IF;
            END
            $$;
            """,
        schema => $"""
            CREATE TABLE "{schema}".post_metrics (
                platform text NOT NULL,
                post_id text NOT NULL,
                captured_at timestamptz NOT NULL,
                document json NOT NULL,
                PRIMARY KEY (platform, post_id, captured_at)
            );
            """,

        // An event-sourced aggregate's history, one row per event, appended to by each save.
        schema => $"""
            CREATE TABLE "{schema}".aggregate_events (
                kind text NOT NULL,
                id uuid NOT NULL,
                position bigint NOT NULL CHECK (position >= 1),
                event json NOT NULL,
                PRIMARY KEY (kind, id, position)
            );
            """,

        // Failed deliveries and dead letters: an event is pending while it is neither delivered nor dead-lettered.
        schema => $"""
            ALTER TABLE "{schema}".outbox
                ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                ADD COLUMN last_error_type text NULL,
                ADD COLUMN dead_lettered_at timestamptz NULL;
            DROP INDEX "{schema}".outbox_pending;
            CREATE INDEX outbox_pending ON "{schema}".outbox (sequence) WHERE delivered_at IS NULL AND dead_lettered_at IS NULL;
            CREATE INDEX outbox_dead_letters ON "{schema}".outbox (sequence) WHERE dead_lettered_at IS NOT NULL;
            """,

        // The change-feed position up to which the creator catalog holds every change (ICatalogCheckpoint): one row.
        schema => $"""
            CREATE TABLE "{schema}".creator_catalog_checkpoint (
                single boolean PRIMARY KEY DEFAULT true CHECK (single),
                position bigint NOT NULL CHECK (position >= 0)
            );
            """,

        // The catalog at a million creators. The two genders' shares become columns (filled here from the audience
        // rows), so that the commonest audience threshold needs no join. Indexes hold every column of the usual
        // filters, so that PostgreSQL answers the total and chooses the page from an index alone (an index-only
        // scan): one keyed by the home country, currency and follower count, the engagement order's (walked for the
        // page), and a table of one row per content label, keyed by the label, that repeats those columns, so that
        // the total of a search by labels reads only its labels' rows; the home country's own index is the first
        // one's prefix. A label's row also lists the creator's labels that sort before it (bytewise, in any order a
        // creator's rows agree on), so that a creator with several of a search's labels is counted on one row alone:
        // the one none of whose earlier labels the search names.
        schema => $"""
            ALTER TABLE "{schema}".creator_catalog
                ADD COLUMN female_share double precision NULL,
                ADD COLUMN male_share double precision NULL;
            UPDATE "{schema}".creator_catalog c SET
                female_share = COALESCE((SELECT s.share FROM "{schema}".creator_catalog_audience s WHERE s.creator_id = c.id AND s.bucket = 'gender:Female'), 0),
                male_share = COALESCE((SELECT s.share FROM "{schema}".creator_catalog_audience s WHERE s.creator_id = c.id AND s.bucket = 'gender:Male'), 0)
            WHERE c.gender_known;
            DROP INDEX "{schema}".creator_catalog_home_country;
            CREATE INDEX creator_catalog_search ON "{schema}".creator_catalog
                (home_country, price_currency, followers, engagement_rate, female_share, price_minor)
                INCLUDE (content_labels, male_share);
            DROP INDEX "{schema}".creator_catalog_by_engagement_rate;
            CREATE INDEX creator_catalog_by_engagement_rate ON "{schema}".creator_catalog (engagement_rate DESC NULLS LAST, id)
                INCLUDE (home_country, content_labels, followers, price_currency, price_minor, female_share, male_share);

            CREATE TABLE "{schema}".creator_catalog_labels (
                id uuid NOT NULL REFERENCES "{schema}".creator_catalog (id) ON DELETE CASCADE,
                label text NOT NULL,
                home_country text NOT NULL,
                price_currency text NULL,
                followers bigint NOT NULL,
                engagement_rate double precision NULL,
                female_share double precision NULL,
                male_share double precision NULL,
                price_minor bigint NULL,
                earlier_labels text[] NULL,
                PRIMARY KEY (id, label)
            );
            INSERT INTO "{schema}".creator_catalog_labels (id, label, home_country, price_currency, followers, engagement_rate, female_share, male_share, price_minor, earlier_labels)
                SELECT c.id, x.label, c.home_country, c.price_currency, c.followers, c.engagement_rate, c.female_share, c.male_share, c.price_minor,
                    (SELECT array_agg(y) FROM unnest(c.content_labels) AS y WHERE y < x.label COLLATE "C")
                FROM "{schema}".creator_catalog c CROSS JOIN unnest(c.content_labels) AS x (label);
            CREATE INDEX creator_catalog_labels_search ON "{schema}".creator_catalog_labels
                (label, home_country, price_currency, followers, engagement_rate, female_share, price_minor)
                INCLUDE (id, male_share, earlier_labels);
            ANALYZE "{schema}".creator_catalog, "{schema}".creator_catalog_labels;
            """,

        // Creators' personal data (ICreatorIdentityStore), apart from everything else so that it can be erased.
        schema => $"""
            CREATE TABLE "{schema}".creator_identities (
                creator_id uuid PRIMARY KEY,
                document json NOT NULL
            );
            """,

        // Row-level security, a second enforcement of tenancy under the library's: each tenant-owned row records its
        // parties (the brands and creators that own it; RowScope), filled here for the rows written before, and is
        // seen or written only in a transaction whose creator_marketplace.scope setting is '*' or names one of them.
        // Unset or empty sees nothing. FORCE binds the tables' owner (usually the application's role) too. Creators
        // are shared catalog data, read by all. The ledger's append checks the last sequence of every row, whatever
        // the scope, through a function that widens the scope for its own query alone. Applied again (to a schema a
        // test took back to an earlier version) it changes nothing but the parties it fills in again.
        schema => $"""
            CREATE OR REPLACE FUNCTION "{schema}".scope_is_all() RETURNS boolean LANGUAGE sql STABLE AS $$
                SELECT COALESCE(current_setting('{RowScope.Setting}', true), '') = '*'
            $$;
            CREATE OR REPLACE FUNCTION "{schema}".scope_parties() RETURNS uuid[] LANGUAGE sql STABLE AS $$
                SELECT CASE WHEN setting IN ('', '*') THEN ARRAY[]::uuid[] ELSE string_to_array(setting, ',')::uuid[] END
                FROM (SELECT COALESCE(current_setting('{RowScope.Setting}', true), '') AS setting) scope
            $$;
            -- Called before each of the store's statements, in its transaction (a procedure, so that it adds no result).
            CREATE OR REPLACE PROCEDURE "{schema}".scope_to(parties text) LANGUAGE sql AS $$
                SELECT set_config('{RowScope.Setting}', parties, true)
            $$;
            -- The scope is widened by hand and put back, not by the function's SET clause, which PostgreSQL refuses a
            -- role that is not a superuser for a setting of this kind.
            CREATE OR REPLACE FUNCTION "{schema}".ledger_last_sequence() RETURNS bigint LANGUAGE plpgsql AS $$
            DECLARE
                scope text := COALESCE(current_setting('{RowScope.Setting}', true), '');
                last bigint;
            BEGIN
                PERFORM set_config('{RowScope.Setting}', '*', true);
                SELECT COALESCE(MAX(last_sequence), 0) INTO last FROM "{schema}".ledger_transactions;
                PERFORM set_config('{RowScope.Setting}', scope, true);
                RETURN last;
            END
            $$;

            ALTER TABLE "{schema}".aggregates ADD COLUMN IF NOT EXISTS parties uuid[] NOT NULL DEFAULT ARRAY[]::uuid[];
            ALTER TABLE "{schema}".aggregate_events ADD COLUMN IF NOT EXISTS parties uuid[] NOT NULL DEFAULT ARRAY[]::uuid[];
            ALTER TABLE "{schema}".outbox ADD COLUMN IF NOT EXISTS parties uuid[] NOT NULL DEFAULT ARRAY[]::uuid[];
            ALTER TABLE "{schema}".ledger_transactions ADD COLUMN IF NOT EXISTS parties uuid[] NOT NULL DEFAULT ARRAY[]::uuid[];

            -- As RowScope.Of computes them: a collaboration's parties are named by its opening event, in its rows of
            -- history or, for one not saved since those rows came, in its document.
            UPDATE "{schema}".aggregates a SET parties = CASE a.kind
                WHEN 'Campaign' THEN ARRAY[(a.document->>'brand')::uuid]
                WHEN 'Contract' THEN ARRAY[(a.document->>'brand')::uuid, (a.document->>'creator')::uuid]
                WHEN 'Shortlist' THEN ARRAY[(a.document->>'owner')::uuid]
                WHEN 'SavedSearch' THEN ARRAY[(a.document->>'owner')::uuid]
                WHEN 'Invoice' THEN array_remove(ARRAY[(a.document->'parties'->>'brand')::uuid, (a.document->'parties'->>'creator')::uuid], NULL)
                WHEN 'Collaboration' THEN COALESCE((
                    SELECT ARRAY[(opened->>'brand')::uuid, (opened->>'creator')::uuid]
                    FROM (SELECT e.event AS opened, e.position FROM "{schema}".aggregate_events e WHERE e.kind = a.kind AND e.id = a.id
                          UNION ALL
                          SELECT h.event, h.position FROM json_array_elements(CASE WHEN json_typeof(a.document->'history') = 'array' THEN a.document->'history' ELSE '[]' END) WITH ORDINALITY AS h (event, position)) history
                    WHERE opened->>'$type' = 'CollaborationOpened'
                    ORDER BY position LIMIT 1), ARRAY[]::uuid[])
                ELSE ARRAY[]::uuid[] END;
            UPDATE "{schema}".aggregate_events e SET parties = a.parties FROM "{schema}".aggregates a WHERE a.kind = e.kind AND a.id = e.id;
            UPDATE "{schema}".outbox o SET parties = a.parties FROM "{schema}".aggregates a WHERE a.kind = o.aggregate AND a.id = o.aggregate_id;
            ALTER TABLE "{schema}".ledger_transactions DISABLE TRIGGER ledger_transactions_append_only;
            UPDATE "{schema}".ledger_transactions l SET parties = ARRAY(
                SELECT DISTINCT party FROM (
                    SELECT (account->>'owner')::uuid AS party
                    FROM json_array_elements(l.document->'entries') entry, LATERAL (VALUES (entry->'from'), (entry->'to')) AS side (account)
                    WHERE account->>'kind' IN ('brand funding', 'refunds', 'creator payable', 'paid out')
                    UNION ALL
                    SELECT unnest(c.parties)
                    FROM json_array_elements(l.document->'entries') entry, LATERAL (VALUES (entry->'from'), (entry->'to')) AS side (account), "{schema}".aggregates c
                    WHERE account->>'kind' = 'escrow held' AND c.kind = 'Collaboration' AND c.id = (account->>'owner')::uuid) parties
                ORDER BY party);
            ALTER TABLE "{schema}".ledger_transactions ENABLE TRIGGER ledger_transactions_append_only;

            ALTER TABLE "{schema}".aggregates ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS creators_shared ON "{schema}".aggregates;
            CREATE POLICY creators_shared ON "{schema}".aggregates FOR SELECT USING (kind = 'Creator');
            ALTER TABLE "{schema}".aggregate_events ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
            ALTER TABLE "{schema}".outbox ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
            ALTER TABLE "{schema}".ledger_transactions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
            ALTER TABLE "{schema}".creator_identities ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS parties ON "{schema}".aggregates;
            CREATE POLICY parties ON "{schema}".aggregates USING ({Visible(schema, "parties")}) WITH CHECK ({Visible(schema, "parties")});
            DROP POLICY IF EXISTS parties ON "{schema}".aggregate_events;
            CREATE POLICY parties ON "{schema}".aggregate_events USING ({Visible(schema, "parties")}) WITH CHECK ({Visible(schema, "parties")});
            DROP POLICY IF EXISTS parties ON "{schema}".outbox;
            CREATE POLICY parties ON "{schema}".outbox USING ({Visible(schema, "parties")}) WITH CHECK ({Visible(schema, "parties")});
            DROP POLICY IF EXISTS parties ON "{schema}".ledger_transactions;
            CREATE POLICY parties ON "{schema}".ledger_transactions USING ({Visible(schema, "parties")}) WITH CHECK ({Visible(schema, "parties")});
            DROP POLICY IF EXISTS parties ON "{schema}".creator_identities;
            CREATE POLICY parties ON "{schema}".creator_identities USING ({Visible(schema, "ARRAY[creator_id]")}) WITH CHECK ({Visible(schema, "ARRAY[creator_id]")});
            """,

        // Who saved an event's aggregate through a store opened for them; null for a save through the store itself,
        // and for the rows written before (nobody known). The row's policy is the table's, as before. Applied again
        // (to a schema a test took back to an earlier version) it changes nothing.
        schema => $"""
            ALTER TABLE "{schema}".outbox ADD COLUMN IF NOT EXISTS acted_by uuid NULL;
            """,

        // A creator's rows are the creator's own (RowScope): its history and outbox rows were written with no parties,
        // so no scope saw them and a store opened for the creator's account never gave the creator their own profile's
        // events. Its row in aggregates is still read by every scope (shared catalog data). Filled here for the rows
        // written before; applied again it changes nothing.
        schema => $"""
            UPDATE "{schema}".aggregates SET parties = ARRAY[id] WHERE kind = 'Creator';
            UPDATE "{schema}".aggregate_events SET parties = ARRAY[id] WHERE kind = 'Creator';
            UPDATE "{schema}".outbox SET parties = ARRAY[aggregate_id] WHERE aggregate = 'Creator';
            """,
    ];

    public static int Version => Migrations.Length;

    // A row of these parties is seen in the transaction's scope. The scope is read once per statement (a subquery
    // that does not depend on the row), not once per row.
    private static string Visible(string schema, string parties) =>
        $"""(SELECT "{schema}".scope_is_all()) OR {parties} && (SELECT "{schema}".scope_parties())""";

    public static async ValueTask MigrateAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"""
            SELECT pg_advisory_xact_lock(hashtext('creator_marketplace.migrate.{schema}'));
            SELECT set_config('{RowScope.Setting}', '*', true);
            CREATE SCHEMA IF NOT EXISTS "{schema}";
            CREATE TABLE IF NOT EXISTS "{schema}".schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken).ConfigureAwait(false);
        await using var current = new NpgsqlCommand($"""SELECT COALESCE(MAX(version), 0) FROM "{schema}".schema_migrations;""", connection, transaction);
        var applied = (int)(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (applied > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The schema \"{schema}\" has version {applied}, newer than version {Migrations.Length} that this release knows; use a newer release.");
        }

        for (var version = applied + 1; version <= Migrations.Length; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version - 1](schema), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"""INSERT INTO "{schema}".schema_migrations (version) VALUES ({version});""", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        // A migration that rewrites a large catalog (migration 7 fills a column and a table from every creator) takes
        // longer than a query's timeout, and one cut short would be tried again, and cut short again, at every start:
        // it runs to its end unless the caller cancels.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
