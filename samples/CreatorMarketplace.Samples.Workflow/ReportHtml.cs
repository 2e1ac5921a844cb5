using System.Net;
using System.Text;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// The report as one self-contained HTML file: inline styles and SVG charts, no scripts, fonts, images or links to
/// fetch, so it can be mailed or archived as it is. Every text is HTML-encoded.
/// </summary>
internal static class ReportHtml
{
    private const string Style =
        """
        body { font-family: system-ui, sans-serif; color: #222; margin: 2rem auto; max-width: 62rem; padding: 0 1rem; }
        table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
        th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #ddd; text-align: left; }
        .number { text-align: right; }
        tr.total td { font-weight: bold; border-top: 2px solid #888; }
        svg { display: block; max-width: 100%; height: auto; margin: 1rem 0 2rem; }
        """;

    /// <param name="title">The page's title and heading.</param>
    /// <param name="summary">Paragraphs above the charts.</param>
    /// <param name="charts">SVG elements from <see cref="SvgCharts"/>, inserted as they are.</param>
    /// <param name="tables">The tables.</param>
    /// <param name="notes">Notes below the tables.</param>
    /// <param name="sections">Sections after the notes, each under its own heading: a later step's charts and tables.</param>
    public static string Render(string title, IEnumerable<string> summary, IEnumerable<string> charts, IEnumerable<ReportTable> tables, IEnumerable<string> notes, IEnumerable<ReportSection>? sections = null)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\">")
            .AppendLine("<head>")
            .AppendLine("<meta charset=\"utf-8\">")
            .AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .AppendLine($"<title>{E(title)}</title>")
            .AppendLine($"<style>\n{Style}\n</style>")
            .AppendLine("</head>")
            .AppendLine("<body>")
            .AppendLine($"<h1>{E(title)}</h1>");
        Paragraphs(html, summary);
        html.AppendLine("<h2>Charts</h2>");
        Charts(html, charts);
        html.AppendLine("<h2>Tables</h2>");
        Tables(html, tables);
        html.AppendLine("<ul>");
        foreach (var note in notes)
        {
            html.AppendLine($"<li>{E(note)}</li>");
        }

        html.AppendLine("</ul>");
        foreach (var section in sections ?? [])
        {
            html.AppendLine($"<h2>{E(section.Heading)}</h2>");
            Paragraphs(html, section.Summary);
            Charts(html, section.Charts);
            Tables(html, section.Tables);
        }

        return html.AppendLine("</body>").AppendLine("</html>").ToString();
    }

    private static void Paragraphs(StringBuilder html, IEnumerable<string> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            html.AppendLine($"<p>{E(paragraph)}</p>");
        }
    }

    private static void Charts(StringBuilder html, IEnumerable<string> charts)
    {
        foreach (var chart in charts)
        {
            html.AppendLine(chart);
        }
    }

    private static void Tables(StringBuilder html, IEnumerable<ReportTable> tables)
    {
        foreach (var table in tables)
        {
            html.AppendLine("<table>").AppendLine($"<caption>{E(table.Title)}</caption>");
            html.AppendLine($"<thead>{Row(table, table.Headers, "th")}</thead>").AppendLine("<tbody>");
            foreach (var row in table.Rows)
            {
                html.AppendLine(Row(table, row, "td"));
            }

            html.AppendLine("</tbody>");
            if (table.Total is { } total)
            {
                html.AppendLine($"<tfoot>{Row(table, total, "td", " class=\"total\"")}</tfoot>");
            }

            html.AppendLine("</table>");
        }
    }

    private static string Row(ReportTable table, IEnumerable<string> cells, string tag, string attributes = "") =>
        $"<tr{attributes}>" + string.Concat(cells.Select((cell, i) => i < table.TextColumns ? $"<{tag}>{E(cell)}</{tag}>" : $"<{tag} class=\"number\">{E(cell)}</{tag}>")) + "</tr>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>A section of the report under its own heading: paragraphs, then charts, then tables.</summary>
internal sealed record ReportSection(string Heading, IReadOnlyList<string> Summary, IReadOnlyList<string> Charts, IReadOnlyList<ReportTable> Tables);

/// <summary>
/// The campaign report of step 8 and where it is written; a later step writes it again with its own sections, so the
/// one file holds the campaign's performance and the next campaign's planning.
/// </summary>
internal sealed record CampaignReport(string Path, string Title, IReadOnlyList<string> Summary, IReadOnlyList<string> Charts, IReadOnlyList<ReportTable> Tables, IReadOnlyList<string> Notes)
{
    public async Task WriteAsync(IEnumerable<ReportSection> sections)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await File.WriteAllTextAsync(Path, ReportHtml.Render(Title, Summary, Charts, Tables, Notes, sections), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
