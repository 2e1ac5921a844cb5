using System.Text;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public class FoldedTextTests
{
    // Letters that fold (case, accents, ß, a combining mark), Greek, CJK and a character outside the BMP (a pair).
    private static readonly string[] Pieces = ["a", "B", "é", "É", "ß", "ss", "e\u0301", "σ", "Σ", "ί", "日", "本", "🎨", " ", "ab", "cd"];

    private static string[] Text(Random random, int pieces) =>
        [.. Enumerable.Range(0, pieces).Select(_ => Pieces[random.Next(Pieces.Length)])];

    [Property(MaxTest = 300)]
    public void The_rank_on_the_folded_text_is_the_querys_keyword_rank(int seed)
    {
        var random = new Random(seed);
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creator = new CreatorGenerator(seed, clock).Generate(1).Single();
        string[] name = ["x", .. Text(random, random.Next(6))];
        var bio = Text(random, random.Next(12));
        creator.ChangeProfile(creator.Profile with { DisplayName = string.Concat(name), Bio = string.Concat(bio) }, clock);
        var listing = creator.ToListing();

        // Keywords cut from the handle, or a run of pieces of the name and the bio (at times across the two), or
        // made up; whole pieces, so never half a surrogate pair.
        var handle = listing.PrimaryAccount.Handle.Value;
        string[] pieces = [.. name, .. bio];
        var start = random.Next(random.Next(2) == 0 ? pieces.Length : name.Length);
        var keyword = random.Next(3) switch
        {
            0 => handle.Substring(random.Next(handle.Length - 1), 2).ToUpperInvariant(),
            1 => string.Concat(pieces.Skip(start).Take(1 + random.Next(4))),
            _ => string.Concat(Text(random, 1 + random.Next(2))),
        };
        var query = new CreatorQuery { Keyword = string.IsNullOrWhiteSpace(keyword) ? "ab" : keyword };
        query.Validate().ShouldBeEmpty(keyword);

        FoldedText.Of(listing).RankOf(FoldedText.Keyword(query.Keyword)).ShouldBe(query.KeywordRank(listing), query.Keyword);
    }

    [Property(MaxTest = 500)]
    public void Folding_straight_into_utf8_gives_the_utf8_of_the_folded_text(int seed)
    {
        // The pieces, and any UTF-16 unit at all: lone surrogates, combining marks, letters of every script.
        var random = new Random(seed);
        var text = string.Concat(Enumerable.Range(0, random.Next(40)).Select(_ => random.Next(3) == 0 ? ((char)random.Next(0x10000)).ToString() : Pieces[random.Next(Pieces.Length)]));
        var utf8 = new byte[KeywordText.MaxFoldedUtf8Length(text.Length)];

        var written = KeywordText.FoldIntoUtf8(text, utf8);

        utf8[..written].ShouldBe(Encoding.UTF8.GetBytes(KeywordText.Fold(text)), text);
    }

    [Property(MaxTest = 300)]
    public void The_folded_text_is_the_utf8_of_each_folded_part_with_where_the_name_and_the_bio_start(int seed)
    {
        var random = new Random(seed);
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creator = new CreatorGenerator(seed, clock).Generate(1).Single();
        creator.ChangeProfile(creator.Profile with { DisplayName = "x" + string.Concat(Text(random, random.Next(6))), Bio = string.Concat(Text(random, random.Next(12))) }, clock);
        var listing = creator.ToListing();

        var handles = string.Concat(listing.Accounts.Select(account => KeywordText.Fold(account.Handle.Value) + "\0"));
        var name = KeywordText.Fold(listing.Profile.DisplayName) + "\0";
        var bio = KeywordText.Fold(listing.Profile.Bio) + "\0";
        var text = FoldedText.Of(listing);

        text.Utf8.ToArray().ShouldBe(Encoding.UTF8.GetBytes(handles + name + bio), $"{name} {bio}");
        text.NameStart.ShouldBe(Encoding.UTF8.GetByteCount(handles));
        text.BioStart.ShouldBe(Encoding.UTF8.GetByteCount(handles + name));
    }
}
