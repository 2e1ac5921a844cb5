namespace CreatorMarketplace.Docs.Tests;

/// <summary>Every C# block of the documentation compiles as written, so that no page can fall behind the API.</summary>
public sealed class SnippetTests
{
    private static readonly string Root = FindRoot();

    /// <summary>Every C# block of README.md, docs/ and the packages' READMEs, one case each.</summary>
    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var snippet in Pages().SelectMany(page => Snippet.Read(Root, page)))
        {
            data.Add(snippet.Page, snippet.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void The_block_compiles(string page, int line)
    {
        var snippet = Snippet.Read(Root, page).Single(block => block.Line == line);
        if (snippet.SkipReason is not null)
        {
            return;
        }

        var errors = SnippetCompiler.Errors(snippet.Code, snippet.Given);

        errors.ShouldBeEmpty($"{snippet} does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    [Fact]
    public void The_pages_hold_blocks_and_few_are_skipped()
    {
        var snippets = Pages().SelectMany(page => Snippet.Read(Root, page)).ToList();

        snippets.Count.ShouldBeGreaterThan(60);
        snippets.Count(snippet => snippet.SkipReason is not null).ShouldBeLessThan(snippets.Count / 5);
    }

    [Fact]
    public void A_block_that_calls_a_missing_member_fails()
    {
        SnippetCompiler.Errors("""
            using CreatorMarketplace;

            var money = Money.Of(12.50m, Currency.Usd);
            money.NoSuchMember();
            """).ShouldContain(error => error.StartsWith("CS1061", StringComparison.Ordinal));
    }

    [Fact]
    public void What_a_block_declares_replaces_what_was_given()
    {
        SnippetCompiler.Errors("var clock = SystemClock.Instance;\nConsole.WriteLine(clock.GetCurrentInstant());", given: "IClock clock = SystemClock.Instance;")
            .ShouldBeEmpty();
        SnippetCompiler.Errors("Console.WriteLine(clock.GetCurrentInstant());").ShouldContain(error => error.StartsWith("CS0103", StringComparison.Ordinal));
    }

    [Fact]
    public void A_skip_without_a_reason_is_refused()
    {
        var page = Path.Combine(Path.GetTempPath(), $"snippet-{Guid.NewGuid():N}.md");
        File.WriteAllText(page, "<!-- snippet: skip -->\n```csharp\nvar x = 1;\n```\n");
        try
        {
            Should.Throw<InvalidDataException>(() => Snippet.Read(Path.GetTempPath(), Path.GetFileName(page)).ToList())
                .Message.ShouldContain("says why");
        }
        finally
        {
            File.Delete(page);
        }
    }

    private static IEnumerable<string> Pages() =>
        new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Select(path => Path.GetRelativePath(Root, path)))
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "src"), "README.md", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(Root, path)))
            .Where(page => !page.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !page.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CreatorMarketplace.Core.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository's root (CreatorMarketplace.Core.sln) is not above the test's folder.");
    }
}
