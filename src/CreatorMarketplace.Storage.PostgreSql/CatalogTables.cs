namespace CreatorMarketplace.Storage.PostgreSql;

// The catalog's three tables, and the statements with which a load into an empty catalog replaces them by new ones
// (FreshCatalogLoad). The new tables are made like the old ones and given their indexes, keys, storage options and
// privileges as the database describes them, so that whatever a migration gives the tables a load keeps.
internal static class CatalogTables
{
    public const string Listings = "creator_catalog";
    public const string Accounts = "creator_catalog_accounts";
    public const string Audience = "creator_catalog_audience";
    public const string Labels = "creator_catalog_labels";

    // What a new table's name and its indexes' add to the old ones' until the swap.
    private const string LoadingSuffix = "_loading";

    private static readonly string[] All = [Listings, Accounts, Audience, Labels];

    public static string Loading(PostgreSqlDatabase database, string table) => database.Table(table + LoadingSuffix);

    // The new tables, with the old ones' columns, defaults, checks and storage but no index yet; their storage
    // parameters (an operator's fillfactor, say) and the privileges granted on the old ones.
    public static string CreateLoadingSql(PostgreSqlDatabase database) =>
        string.Concat(All.Select(table => $"CREATE TABLE {Loading(database, table)} (LIKE {database.Table(table)} INCLUDING ALL EXCLUDING INDEXES);\n")) +
        $"""
        DO $$
        DECLARE
            t text;
            old regclass;
            fresh regclass;
            options text[];
            g record;
        BEGIN
            FOREACH t IN ARRAY {Names()} LOOP
                old := format('%I.%I', '{database.Schema}', t)::regclass;
                fresh := format('%I.%I', '{database.Schema}', t || '{LoadingSuffix}')::regclass;
                SELECT reloptions INTO options FROM pg_class WHERE oid = old;
                IF options IS NOT NULL THEN
                    EXECUTE format('ALTER TABLE %s SET (%s)', fresh, array_to_string(options, ', '));
                END IF;
                FOR g IN
                    SELECT a.privilege_type, a.grantee, a.is_grantable FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
                    WHERE c.oid = old AND a.grantee <> c.relowner
                LOOP
                    EXECUTE format('GRANT %s ON %s TO %s%s', g.privilege_type, fresh,
                        CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,
                        CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
                END LOOP;
            END LOOP;
        END
        $$;
        """;

    // The old tables' indexes built on the new ones under names of their own (the primary keys as primary keys), then
    // the foreign keys, which need the keys they reference. Readers still use the old tables meanwhile.
    public static string IndexLoadingSql(PostgreSqlDatabase database) =>
        $"""
        SET LOCAL maintenance_work_mem = '256MB';
        DO $$
        DECLARE
            t text;
            old regclass;
            fresh regclass;
            i record;
        BEGIN
            FOREACH t IN ARRAY {Names()} LOOP
                old := format('%I.%I', '{database.Schema}', t)::regclass;
                fresh := format('%I.%I', '{database.Schema}', t || '{LoadingSuffix}')::regclass;
                FOR i IN
                    SELECT c.relname AS name, pg_get_indexdef(x.indexrelid) AS definition, k.contype
                    FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                    LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = old AND k.contype IN ('p', 'u')
                    WHERE x.indrelid = old
                LOOP
                    EXECUTE regexp_replace(i.definition, '^(CREATE (UNIQUE )?INDEX )\S+ ON \S+ ',
                        '\1' || quote_ident(i.name || '{LoadingSuffix}') || ' ON ' || fresh::text || ' ');
                    IF i.contype IS NOT NULL THEN
                        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s USING INDEX %I', fresh, i.name || '{LoadingSuffix}',
                            CASE i.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, i.name || '{LoadingSuffix}');
                    END IF;
                END LOOP;
            END LOOP;
            FOREACH t IN ARRAY {Names()} LOOP
                old := format('%I.%I', '{database.Schema}', t)::regclass;
                fresh := format('%I.%I', '{database.Schema}', t || '{LoadingSuffix}')::regclass;
                FOR i IN
                    SELECT k.conname, pg_get_constraintdef(k.oid) AS definition, k.confrelid::regclass AS referenced, r.relname AS referenced_name
                    FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid
                    WHERE k.conrelid = old AND k.contype = 'f'
                LOOP
                    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fresh, i.conname,
                        replace(i.definition, 'REFERENCES ' || i.referenced::text || '(',
                            'REFERENCES ' || format('%I.%I', '{database.Schema}', i.referenced_name || '{LoadingSuffix}') || '('));
                END LOOP;
            END LOOP;
        END
        $$;
        """;

    // The old tables go and the new ones take their names, and their indexes the old indexes' names (a key's
    // constraint is renamed with its index). Readers wait for this, the last step of the load's transaction, and then
    // read the new tables.
    public static string SwapSql(PostgreSqlDatabase database) =>
        $"""
        DROP TABLE {string.Join(", ", Enumerable.Reverse(All).Select(database.Table))};
        DO $$
        DECLARE
            t text;
            i record;
        BEGIN
            FOREACH t IN ARRAY {Names()} LOOP
                EXECUTE format('ALTER TABLE %I.%I RENAME TO %I', '{database.Schema}', t || '{LoadingSuffix}', t);
                FOR i IN
                    SELECT c.relname AS name FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                    WHERE x.indrelid = format('%I.%I', '{database.Schema}', t)::regclass
                LOOP
                    EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', '{database.Schema}', i.name, left(i.name, length(i.name) - length('{LoadingSuffix}')));
                END LOOP;
            END LOOP;
        END
        $$;
        """;

    // The planner's statistics for the tables a load wrote (and their share of pages all visible, for index-only scans).
    public static string AnalyzeSql(PostgreSqlDatabase database) =>
        $"ANALYZE {string.Join(", ", All.Select(database.Table))};";

    private static string Names() => $"ARRAY[{string.Join(", ", All.Select(table => $"'{table}'"))}]";
}
