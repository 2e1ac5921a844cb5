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
        output.WriteLine($"  {Title}:");
        WriteColumns(output, [.. Rows.Prepend(Headers).Append(Total).OfType<string[]>()], [.. Headers.Select((_, i) => i >= TextColumns)]);
    }

    /// <summary>Writes lines of cells indented, each column as wide as its widest cell, right-aligned where asked.</summary>
    public static void WriteColumns(TextWriter output, IReadOnlyList<string[]> lines, bool[] rightAligned)
    {
        var widths = rightAligned.Select((_, i) => lines.Max(line => line[i].Length)).ToArray();
        foreach (var line in lines)
        {
            output.WriteLine("    " + string.Join("  ", line.Select((cell, i) => rightAligned[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
