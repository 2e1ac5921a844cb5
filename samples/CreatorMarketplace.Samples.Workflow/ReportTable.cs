namespace CreatorMarketplace.Samples.Workflow;

/// <summary>A table of the report with its cells already written, so the console and the HTML file show the same text.</summary>
/// <param name="Title">What the table shows.</param>
/// <param name="Headers">The column headers.</param>
/// <param name="Rows">The rows, one cell per header.</param>
/// <param name="Total">The campaign's row, if the table has one.</param>
/// <param name="TextColumns">How many leading columns hold text; the rest hold numbers and are right-aligned.</param>
internal sealed record ReportTable(string Title, string[] Headers, IReadOnlyList<string[]> Rows, string[]? Total = null, int TextColumns = 1)
{
    /// <summary>Writes the table to the console, each column as wide as its widest cell.</summary>
    public void Write(TextWriter output)
    {
        var lines = Rows.Prepend(Headers).Append(Total).OfType<string[]>().ToList();
        var widths = Headers.Select((_, i) => lines.Max(line => line[i].Length)).ToArray();
        output.WriteLine($"  {Title}:");
        foreach (var line in lines)
        {
            output.WriteLine("    " + string.Join("  ", line.Select((cell, i) => i < TextColumns ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }
    }
}
