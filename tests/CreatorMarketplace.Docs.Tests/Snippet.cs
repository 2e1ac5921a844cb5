using System.Text;
using System.Text.RegularExpressions;

namespace CreatorMarketplace.Docs.Tests;

/// <summary>
/// One C# block of a page, as a reader would paste it: with the blocks it continues, or skipped for a stated reason.
/// </summary>
/// <remarks>
/// A block is marked by an HTML comment on the line before its fence, which no rendered page shows:
/// <c>&lt;!-- snippet: continues --&gt;</c> compiles it after the page's previous block (a walkthrough that builds on
/// what it declared), <c>&lt;!-- snippet: skip, reason --&gt;</c> leaves it out, and the reason is required. What
/// the page's prose gives the reader (a <c>store</c>, a <c>clock</c>) is declared once in a comment
/// <c>&lt;!-- snippet: given</c> … <c>--&gt;</c> whose lines are compiled with every later block of the page, except
/// what a later given or the block itself declares again.
/// </remarks>
public sealed record Snippet(string Page, int Line, IReadOnlyList<string> Given, string Code, string? SkipReason)
{
    private static readonly Regex Marker = new(@"^<!--\s*snippet:\s*(?<kind>continues|skip)\s*(,\s*(?<reason>.+?))?\s*-->\s*$", RegexOptions.CultureInvariant);

    /// <summary>How the page and line read in a test's name and failure.</summary>
    public override string ToString() => $"{Page}:{Line}";

    /// <summary>The C# blocks of a Markdown page, each with the code of the blocks it continues before its own.</summary>
    public static IEnumerable<Snippet> Read(string root, string page)
    {
        var lines = File.ReadAllLines(Path.Combine(root, page));
        string? previous = null;
        var given = new List<string>();
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].Trim() == "<!-- snippet: given")
            {
                var opened = index;
                var declarations = new StringBuilder();
                for (index++; index < lines.Length && lines[index].Trim() != "-->"; index++)
                {
                    declarations.AppendLine(lines[index]);
                }

                given.Add(declarations.ToString());

                if (index == lines.Length)
                {
                    throw new InvalidDataException($"{page}:{opened + 1}: the given declarations are never closed (-->).");
                }

                continue;
            }

            if (!IsCSharpFence(lines[index]))
            {
                continue;
            }

            var start = index;
            var code = new StringBuilder();
            for (index++; index < lines.Length && lines[index].TrimStart() != "```"; index++)
            {
                code.AppendLine(lines[index]);
            }

            if (index == lines.Length)
            {
                throw new InvalidDataException($"{page}:{start + 1}: the C# block is never closed.");
            }

            var marker = start > 0 ? Marker.Match(lines[start - 1].Trim()) : Match.Empty;
            var kind = marker.Success ? marker.Groups["kind"].Value : null;
            if (kind == "skip")
            {
                var reason = marker.Groups["reason"].Value;
                if (reason.Length == 0)
                {
                    throw new InvalidDataException($"{page}:{start + 1}: a skipped block says why (<!-- snippet: skip, reason -->).");
                }

                yield return new Snippet(page, start + 1, [.. given], code.ToString(), reason);
                continue;
            }

            if (kind == "continues" && previous is null)
            {
                throw new InvalidDataException($"{page}:{start + 1}: the block continues no earlier compiled block.");
            }

            var whole = kind == "continues" ? previous + code : code.ToString();
            previous = whole;
            yield return new Snippet(page, start + 1, [.. given], whole, SkipReason: null);
        }
    }

    private static bool IsCSharpFence(string line)
    {
        var trimmed = line.Trim();
        return trimmed is "```csharp" or "```cs" or "```c#" or "```C#";
    }
}
