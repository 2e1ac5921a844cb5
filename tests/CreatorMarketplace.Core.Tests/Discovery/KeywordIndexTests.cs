using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>
/// The keyword index (byte pairs of each row's folded text, hashed to key bitmaps) only removes rows that cannot
/// match: the indexed search answers as the reference does, for keywords of every length and script, and never
/// across the parts of a row's text.
/// </summary>
public sealed class KeywordIndexTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 25, 0, 0));

    // Latin letters and digits, letters that fold (case, accents, ß, a combining mark), Greek, CJK, a character
    // outside the BMP (a surrogate pair), a space, and pairs that recur so that keywords find them.
    private static readonly string[] Pieces =
        ["a", "n", "g", "r", "c", "i", "x", "7", "é", "É", "ß", "ss", "e\u0301", "σ", "Σ", "ί", "日", "本", "🎨", " ", "an", "ar", "ia", "ga"];

    private static string[] Text(Random random, int pieces) =>
        [.. Enumerable.Range(0, pieces).Select(_ => Pieces[random.Next(Pieces.Length)])];

    [Property(MaxTest = 40)]
    public void An_indexed_keyword_search_answers_as_the_reference_does(int seed)
    {
        var random = new Random(seed);
        var texts = new List<(string[] Name, string[] Bio)>();
        var listings = new List<CreatorListing>();
        foreach (var creator in new CreatorGenerator(seed, Clock).Generate(30))
        {
            var (name, bio) = (Text(random, 1 + random.Next(6)), Text(random, random.Next(10)));
            creator.ChangeProfile(creator.Profile with { DisplayName = "x" + string.Concat(name), Bio = string.Concat(bio) }, Clock);
            texts.Add((name, bio));
            listings.Add(creator.ToListing());
        }

        // Loaded (clustered, as a follower's catalog is) or upserted one by one, half the time each.
        var catalog = new InMemoryCreatorCatalog();
        var reference = new ReferenceCreatorCatalog();
        if (random.Next(2) == 0)
        {
            catalog.Load(listings).ShouldBe(listings.Count);
        }
        else
        {
            listings.ForEach(listing => Upsert(catalog, listing));
        }

        listings.ForEach(listing => Upsert(reference, listing));

        foreach (var keyword in Keywords(random, texts, listings))
        {
            foreach (var sort in new[] { CreatorSort.Relevance, CreatorSort.Followers })
            {
                var query = new CreatorQuery { Keyword = keyword, Sort = sort, PageSize = 10 };
                if (query.Validate().Count > 0)
                {
                    continue;
                }

                Answer(catalog, query).ShouldBe(Answer(reference, query), $"\"{keyword}\"");
            }
        }
    }

    [Fact]
    public void A_keyword_whose_pairs_all_lie_in_a_text_but_not_together_does_not_match()
    {
        // The name holds "xq" and "qz" and the bio "zw": every pair of "xqzw", and of "qzw" and "xq qzw" across the
        // name's end, so the index keeps the row, and the ordinal search drops it.
        var listing = Listing(new CreatorGenerator(3, Clock).Generate(1).Single(), "Xq Qz", "zw and more");
        var catalog = new InMemoryCreatorCatalog();
        Upsert(catalog, listing);

        foreach (var keyword in new[] { "xqzw", "qzw", "xq qzw" })
        {
            var query = new CreatorQuery { Keyword = keyword };
            catalog.KeyedCandidates(query).ShouldBe(1, keyword);
            Total(catalog, query).ShouldBe(0, keyword);
        }

        Total(catalog, new CreatorQuery { Keyword = "xq qz" }).ShouldBe(1);
    }

    [Fact]
    public void The_index_leaves_a_keyword_only_the_rows_that_hold_each_of_its_pairs()
    {
        // On generated creators, "garcia" is in about one row in sixteen; the index leaves those and almost no other.
        var listings = new CreatorGenerator(2026, Clock).Generate(20_000).Select(creator => creator.ToListing()).ToList();
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(listings).ShouldBe(listings.Count);

        foreach (var keyword in new[] { "garcia", "beauty", "kenji" })
        {
            var query = new CreatorQuery { Keyword = keyword };
            var matches = listings.Count(query.Matches);
            matches.ShouldBeGreaterThan(0, keyword);
            catalog.KeyedCandidates(query).ShouldBeInRange(matches, matches + (listings.Count / 100), keyword);
        }

        // A keyword of one byte has no pair: every row is left to the ordinal search.
        catalog.KeyedCandidates(new CreatorQuery { Keyword = "g" }).ShouldBe(listings.Count);
    }

    [Fact]
    public void Compaction_and_a_loads_clustering_carry_the_index()
    {
        // A loaded catalog is clustered; newer versions of a few creators, with other texts, retire their rows until
        // the newest chunk is compacted. The index is then searched as the reference is.
        var random = new Random(11);
        var creators = new CreatorGenerator(11, Clock).Generate(3_000).ToList();
        var listings = creators.ConvertAll(creator => creator.ToListing());
        var catalog = new InMemoryCreatorCatalog();
        var reference = new ReferenceCreatorCatalog();
        catalog.Load(listings).ShouldBe(listings.Count);
        listings.ForEach(listing => Upsert(reference, listing));
        for (var round = 0; round < 4_000; round++)
        {
            var creator = creators[random.Next(100)];
            var newer = Listing(creator, $"Round {round} {string.Concat(Text(random, 3))}", string.Concat(Text(random, 6)));
            Upsert(catalog, newer).ShouldBeTrue();
            Upsert(reference, newer).ShouldBeTrue();
        }

        catalog.RowsWritten.ShouldBeLessThan(listings.Count + 4_000, "a compaction ran");
        foreach (var keyword in new[] { "round 3", "garcia", "an", "ar", "σ", "日本", "ss" })
        {
            var query = new CreatorQuery { Keyword = keyword, Sort = CreatorSort.Followers, PageSize = 30, IncludeFacets = true };
            Answer(catalog, query).ShouldBe(Answer(reference, query), keyword);
        }
    }

    [Property(MaxTest = 300)]
    public void The_buckets_gathered_are_those_of_every_adjacent_pair_of_bytes(byte[] text)
    {
        var buckets = new ulong[TextPairs.Words];
        TextPairs.BucketsOf(text, buckets);

        var expected = PairBuckets(text);
        Enumerable.Range(0, TextPairs.Buckets).Where(bucket => (buckets[bucket / 64] & (1UL << (bucket % 64))) != 0)
            .ShouldBe(expected.Order());
        var ordinals = new int[TextPairs.Buckets];
        ordinals[..TextPairs.OrdinalsOf(text, ordinals)].ShouldBe(expected.Order().Select(CatalogKeys.PairOrdinal));
    }

    [Property(MaxTest = 25)]
    public void The_pairs_gathered_before_a_row_is_written_index_it_as_the_writer_does(int seed)
    {
        // Loaded into a new catalog (the pairs gathered as each batch is prepared), upserted (gathered before the
        // writers' lock), or loaded into a catalog that holds creators (the writer gathers them from the text): each
        // leaves a keyword exactly the creators whose text has a pair in each of the keyword's buckets.
        var random = new Random(seed);
        var listings = new List<CreatorListing>();
        foreach (var creator in new CreatorGenerator(seed, Clock).Generate(40))
        {
            listings.Add(Listing(creator, "x" + string.Concat(Text(random, 1 + random.Next(6))), string.Concat(Text(random, random.Next(10)))));
        }

        var (held, loaded) = (listings[..10], listings[10..]);
        var intoNew = new InMemoryCreatorCatalog();
        intoNew.Load(loaded).ShouldBe(loaded.Count);
        var upserted = new InMemoryCreatorCatalog();
        loaded.ForEach(listing => Upsert(upserted, listing));
        var intoHeld = new InMemoryCreatorCatalog();
        held.ForEach(listing => Upsert(intoHeld, listing));
        intoHeld.Load(loaded).ShouldBe(loaded.Count);

        for (var i = 0; i < 20; i++)
        {
            var keyword = string.Concat(Text(random, 1 + random.Next(3)));
            var query = new CreatorQuery { Keyword = keyword };
            if (query.Validate().Count > 0)
            {
                continue;
            }

            var needed = PairBuckets(FoldedText.Keyword(keyword));
            CreatorId[] Holding(IEnumerable<CreatorListing> rows) =>
                [.. rows.Where(listing => needed.IsSubsetOf(PairBuckets(FoldedText.Of(listing).Utf8))).Select(listing => listing.Id).Order()];
            intoNew.KeyedCreators(query).Order().ToArray().ShouldBe(Holding(loaded), keyword);
            upserted.KeyedCreators(query).Order().ToArray().ShouldBe(Holding(loaded), keyword);
            intoHeld.KeyedCreators(query).Order().ToArray().ShouldBe(Holding(listings), keyword);
        }
    }

    // The buckets of a text's adjacent pairs of bytes, one pair at a time.
    private static HashSet<int> PairBuckets(ReadOnlySpan<byte> text)
    {
        var buckets = new HashSet<int>();
        for (var i = 1; i < text.Length; i++)
        {
            buckets.Add(TextPairs.BucketOf(text[i - 1], text[i]));
        }

        return buckets;
    }

    // Keywords from the texts: one piece (one byte or several), two, a run of the name or the bio, a run across the
    // end of the name and the start of the bio (which matches only where it also lies within one part), a piece of a
    // handle, and pieces made up.
    private static IEnumerable<string> Keywords(Random random, List<(string[] Name, string[] Bio)> texts, List<CreatorListing> listings)
    {
        for (var i = 0; i < 12; i++)
        {
            var (name, bio) = texts[random.Next(texts.Count)];
            string[] parts = [.. name, .. bio];
            var start = random.Next(parts.Length);
            yield return Pieces[random.Next(Pieces.Length)];
            yield return string.Concat(Text(random, 2));
            yield return string.Concat(parts.Skip(start).Take(1 + random.Next(5)));
            if (bio.Length > 0)
            {
                yield return string.Concat(name[^Math.Min(name.Length, 1 + random.Next(2))..]) + string.Concat(bio.Take(1 + random.Next(2)));
            }

            var handle = listings[random.Next(listings.Count)].PrimaryAccount.Handle.Value;
            var from = random.Next(handle.Length - 1);
            yield return handle[from..(from + 2 + random.Next(Math.Min(6, handle.Length - from - 1)))].ToUpperInvariant();
        }
    }

    private static CreatorListing Listing(Creator creator, string name, string bio)
    {
        creator.ChangeProfile(creator.Profile with { DisplayName = name, Bio = bio }, Clock);
        creator.MarkStored(creator.Version + 1);
        return creator.ToListing();
    }

    private static bool Upsert(ICreatorCatalog catalog, CreatorListing listing) => catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();

    private static int Total(ICreatorCatalog catalog, CreatorQuery query) => catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult().AsT0.TotalCount;

    private static string Answer(ICreatorCatalog catalog, CreatorQuery query) => CreatorCatalogContract.AnswerAsync(catalog, query).GetAwaiter().GetResult();
}
