using System.Globalization;
using System.Net;
using System.Text;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Three small charts as inline SVG, without scripts: lines over time, values against peer ranges, and bars in
/// panels. Each chart has a title and a description for screen readers, axes with tick labels, a legend, and a
/// tooltip (a title element) on every mark. All text is HTML-encoded and every number is written invariantly.
/// </summary>
internal static class SvgCharts
{
    /// <summary>Grey for marks that belong to no creator (peer ranges, campaign totals).</summary>
    public const string Grey = "#8c8c8c";

    private const double Width = 760;
    private const double Top = 40;
    private const double LegendRow = 18;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // The Okabe–Ito colours stay distinguishable for colour-blind readers.
    private static readonly string[] Palette = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"];

    /// <summary>How a legend entry is drawn.</summary>
    public enum Swatch
    {
        Line,
        Box,
        Dot,
        Tick,
    }

    /// <summary>A count for a tick label: 1.2M, 45k, 800.</summary>
    public static string Compact(double count) =>
        count >= 1_000_000 ? (count / 1_000_000).ToString("0.#", Invariant) + "M"
        : count >= 1_000 ? (count / 1_000).ToString("0.#", Invariant) + "k"
        : count.ToString("0", Invariant);

    /// <summary>The colour of the series at an index, the same in every chart.</summary>
    public static string Colour(int index) => Palette[index % Palette.Length];

    /// <summary>A line chart: one line per series, broken where a value is missing.</summary>
    public static string Lines(string id, string title, string description, Axis x, Axis y, IReadOnlyList<Series> series)
    {
        const double left = 72, right = 24, height = 260;
        var known = series.SelectMany(s => s.Points).Where(p => p.Y is not null).ToList();
        var xScale = Scale.For(known.Select(p => p.X), left, Width - right, 8);
        var yScale = Scale.For(known.Select(p => p.Y!.Value), Top + height, Top, 5);
        var legend = series.Select(s => (s.Name, s.Colour, Swatch.Line)).ToList();
        var svg = Open(id, title, description, Top + height + 52, legend);
        YGrid(svg, yScale, left, Width - right, y);
        XAxis(svg, xScale, Top + height, x);
        foreach (var line in series)
        {
            // A missing value ends a segment rather than dropping to zero.
            foreach (var segment in Segments(line.Points))
            {
                svg.Append(Invariant, $"<polyline fill=\"none\" stroke=\"{line.Colour}\" stroke-width=\"2\" points=\"{string.Join(" ", segment.Select(p => string.Create(Invariant, $"{xScale.At(p.X):0.#},{yScale.At(p.Y!.Value):0.#}")))}\"/>");
            }

            foreach (var point in line.Points.Where(p => p.Y is not null))
            {
                svg.Append(Invariant, $"<circle cx=\"{xScale.At(point.X):0.#}\" cy=\"{yScale.At(point.Y!.Value):0.#}\" r=\"2.5\" fill=\"{line.Colour}\"><title>{E($"{line.Name}: {point.Label}")}</title></circle>");
            }
        }

        return Close(svg, Top + height + 52, legend);
    }

    /// <summary>One row per item: its value as a dot against a peer range (a box from low to high, a tick at the middle).</summary>
    /// <remarks>A row without a middle draws no tick, and a legend without its text leaves the tick out.</remarks>
    public static string Ranges(string id, string title, string description, Axis x, IReadOnlyList<RangeRow> rows, (string Range, string? Middle, string Value) legendText)
    {
        const double left = 150, right = 150, rowHeight = 36;
        var plotBottom = Top + (rows.Count * rowHeight);
        var values = rows.SelectMany(r => new[] { r.Value, r.Low, r.Middle, r.High }).OfType<double>();
        var scale = Scale.For(values, left, Width - right, 6);
        List<(string, string, Swatch)> legend = [(legendText.Range, "#d9d9d9", Swatch.Box), .. legendText.Middle is { } middleText ? [(middleText, "#333", Swatch.Tick)] : Array.Empty<(string, string, Swatch)>(), (legendText.Value, "#333", Swatch.Dot)];
        var svg = Open(id, title, description, plotBottom + 52, legend);
        XAxis(svg, scale, plotBottom, x);
        svg.Append(Invariant, $"<line x1=\"{left}\" y1=\"{Top}\" x2=\"{left}\" y2=\"{plotBottom}\" stroke=\"#333\"/>");
        foreach (var (row, i) in rows.Select((row, i) => (row, i)))
        {
            var middle = Top + (i * rowHeight) + (rowHeight / 2);
            svg.Append(Invariant, $"<g><title>{E(row.Tooltip)}</title>");
            svg.Append(Invariant, $"<text x=\"{left - 8}\" y=\"{middle + 4}\" text-anchor=\"end\">{E(row.Name)}</text>");
            if (row is { Low: { } low, High: { } high })
            {
                svg.Append(Invariant, $"<rect x=\"{scale.At(low):0.#}\" y=\"{middle - 9}\" width=\"{scale.At(high) - scale.At(low):0.#}\" height=\"18\" fill=\"#d9d9d9\"/>");
            }

            if (row.Middle is { } median)
            {
                svg.Append(Invariant, $"<line x1=\"{scale.At(median):0.#}\" y1=\"{middle - 11}\" x2=\"{scale.At(median):0.#}\" y2=\"{middle + 11}\" stroke=\"#333\" stroke-width=\"2\"/>");
            }

            if (row.Value is { } value)
            {
                svg.Append(Invariant, $"<circle cx=\"{scale.At(value):0.#}\" cy=\"{middle}\" r=\"6\" fill=\"{row.Colour}\" stroke=\"#fff\"/>");
            }

            svg.Append(Invariant, $"<text x=\"{Width - right + 8}\" y=\"{middle + 4}\">{E(row.Note)}</text></g>");
        }

        return Close(svg, plotBottom + 52, legend);
    }

    /// <summary>Horizontal bars, one row per item, in side-by-side panels that each have their own axis.</summary>
    public static string Bars(string id, string title, string description, IReadOnlyList<(string Name, string Colour)> rows, IReadOnlyList<Panel> panels)
    {
        const double left = 150, right = 16, gap = 24, rowHeight = 28, labelRoom = 48;
        var plotBottom = Top + 16 + (rows.Count * rowHeight);
        var panelWidth = (Width - left - right - (gap * (panels.Count - 1))) / panels.Count;
        var legend = rows.Select(r => (r.Name, r.Colour, Swatch.Box)).ToList();
        var svg = Open(id, title, description, plotBottom + 52, legend);
        foreach (var (row, i) in rows.Select((row, i) => (row, i)))
        {
            svg.Append(Invariant, $"<text x=\"{left - 8}\" y=\"{Top + 16 + (i * rowHeight) + (rowHeight / 2) + 4}\" text-anchor=\"end\">{E(row.Name)}</text>");
        }

        foreach (var (panel, p) in panels.Select((panel, p) => (panel, p)))
        {
            var start = left + (p * (panelWidth + gap));
            var scale = Scale.For(panel.Values.OfType<double>(), start, start + panelWidth - labelRoom, 3);
            svg.Append(Invariant, $"<text x=\"{start}\" y=\"{Top + 8}\" font-weight=\"bold\">{E(panel.Title)}</text>");
            svg.Append(Invariant, $"<line x1=\"{start}\" y1=\"{Top + 16}\" x2=\"{start}\" y2=\"{plotBottom}\" stroke=\"#333\"/>");
            XAxis(svg, scale, plotBottom, panel.Axis);
            foreach (var (value, i) in panel.Values.Select((value, i) => (value, i)))
            {
                var y = Top + 16 + (i * rowHeight) + 5;
                var text = value is { } v ? panel.Axis.Format(v) : "n/a";
                var end = value is { } known ? scale.At(known) : start;
                svg.Append(Invariant, $"<g><title>{E($"{rows[i].Name}, {panel.Title}: {text}")}</title>");
                if (value is not null)
                {
                    svg.Append(Invariant, $"<rect x=\"{start}\" y=\"{y}\" width=\"{end - start:0.#}\" height=\"{rowHeight - 10}\" fill=\"{rows[i].Colour}\"/>");
                }

                svg.Append(Invariant, $"<text x=\"{end + 4:0.#}\" y=\"{y + 13}\">{E(text)}</text></g>");
            }
        }

        return Close(svg, plotBottom + 52, legend);
    }

    private static StringBuilder Open(string id, string title, string description, double legendTop, IReadOnlyList<(string Name, string Colour, Swatch Swatch)> legend)
    {
        var height = legendTop + (LegendRows(legend).Select(item => item.Row).DefaultIfEmpty(0).Max() * LegendRow) + 24;
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"#222\">");
        svg.Append(Invariant, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        svg.Append(Invariant, $"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");
        return svg;
    }

    private static string Close(StringBuilder svg, double legendTop, IReadOnlyList<(string Name, string Colour, Swatch Swatch)> legend)
    {
        foreach (var (item, x, row) in LegendRows(legend))
        {
            var y = legendTop + (row * LegendRow);
            svg.Append(item.Swatch switch
            {
                Swatch.Line => string.Create(Invariant, $"<line x1=\"{x:0.#}\" y1=\"{y}\" x2=\"{x + 16:0.#}\" y2=\"{y}\" stroke=\"{item.Colour}\" stroke-width=\"2\"/>"),
                Swatch.Dot => string.Create(Invariant, $"<circle cx=\"{x + 8:0.#}\" cy=\"{y}\" r=\"5\" fill=\"{item.Colour}\"/>"),
                Swatch.Tick => string.Create(Invariant, $"<line x1=\"{x + 8:0.#}\" y1=\"{y - 7}\" x2=\"{x + 8:0.#}\" y2=\"{y + 7}\" stroke=\"{item.Colour}\" stroke-width=\"2\"/>"),
                _ => string.Create(Invariant, $"<rect x=\"{x:0.#}\" y=\"{y - 6}\" width=\"16\" height=\"12\" fill=\"{item.Colour}\"/>"),
            });
            svg.Append(Invariant, $"<text x=\"{x + 22:0.#}\" y=\"{y + 4}\">{E(item.Name)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    // Legend entries flow left to right and wrap; text width is estimated, as SVG cannot measure it without a script.
    private static IEnumerable<((string Name, string Colour, Swatch Swatch) Item, double X, int Row)> LegendRows(IReadOnlyList<(string Name, string Colour, Swatch Swatch)> legend)
    {
        double x = 16;
        var row = 0;
        foreach (var item in legend)
        {
            var width = 22 + (item.Name.Length * 7) + 20;
            if (x + width > Width - 16 && x > 16)
            {
                (x, row) = (16, row + 1);
            }

            yield return (item, x, row);
            x += width;
        }
    }

    private static void XAxis(StringBuilder svg, Scale scale, double y, Axis axis)
    {
        svg.Append(Invariant, $"<line x1=\"{scale.From:0.#}\" y1=\"{y}\" x2=\"{scale.To:0.#}\" y2=\"{y}\" stroke=\"#333\"/>");
        foreach (var tick in scale.Ticks)
        {
            var x = scale.At(tick);
            svg.Append(Invariant, $"<line x1=\"{x:0.#}\" y1=\"{y}\" x2=\"{x:0.#}\" y2=\"{y + 4}\" stroke=\"#333\"/><text x=\"{x:0.#}\" y=\"{y + 16}\" text-anchor=\"middle\">{E(axis.Format(tick))}</text>");
        }

        svg.Append(Invariant, $"<text x=\"{(scale.From + scale.To) / 2:0.#}\" y=\"{y + 32}\" text-anchor=\"middle\">{E(axis.Label)}</text>");
    }

    private static void YGrid(StringBuilder svg, Scale scale, double left, double right, Axis axis)
    {
        foreach (var tick in scale.Ticks)
        {
            var y = scale.At(tick);
            svg.Append(Invariant, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{right}\" y2=\"{y:0.#}\" stroke=\"#e5e5e5\"/><text x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{E(axis.Format(tick))}</text>");
        }

        svg.Append(Invariant, $"<line x1=\"{left}\" y1=\"{scale.From:0.#}\" x2=\"{left}\" y2=\"{scale.To:0.#}\" stroke=\"#333\"/>");
        svg.Append(Invariant, $"<text transform=\"rotate(-90)\" x=\"{-(scale.From + scale.To) / 2:0.#}\" y=\"14\" text-anchor=\"middle\">{E(axis.Label)}</text>");
    }

    private static IEnumerable<List<(double X, double? Y, string Label)>> Segments(IEnumerable<(double X, double? Y, string Label)> points)
    {
        var segment = new List<(double X, double? Y, string Label)>();
        foreach (var point in points)
        {
            if (point.Y is null)
            {
                if (segment.Count > 0)
                {
                    yield return segment;
                }

                segment = [];
            }
            else
            {
                segment.Add(point);
            }
        }

        if (segment.Count > 0)
        {
            yield return segment;
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>An axis's label and how its tick labels are written.</summary>
    public sealed record Axis(string Label, Func<double, string> Format);

    /// <summary>A line: points with an x, a y (null when missing) and a tooltip.</summary>
    public sealed record Series(string Name, string Colour, IReadOnlyList<(double X, double? Y, string Label)> Points);

    /// <summary>A row of the range chart: the value, the peer range around it, a note beside it and a tooltip.</summary>
    public sealed record RangeRow(string Name, string Colour, double? Value, double? Low, double? Middle, double? High, string Note, string Tooltip);

    /// <summary>A panel of the bar chart: one value per row, null when undefined.</summary>
    public sealed record Panel(string Title, Axis Axis, IReadOnlyList<double?> Values);

    /// <summary>A linear scale from zero to a round maximum, mapped onto pixels from <see cref="From"/> to <see cref="To"/>.</summary>
    private sealed record Scale(double Max, double Step, double From, double To)
    {
        public IEnumerable<double> Ticks => Enumerable.Range(0, (int)Math.Round(Max / Step) + 1).Select(i => i * Step);

        // Round steps of 1, 2 or 5 times a power of ten, about `ticks` of them; an empty or zero range still draws.
        public static Scale For(IEnumerable<double> values, double from, double to, int ticks)
        {
            var max = values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
            if (max <= 0)
            {
                return new(1, 1, from, to);
            }

            var raw = max / ticks;
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            var step = new[] { 1d, 2d, 5d, 10d }.Select(m => m * magnitude).First(s => s >= raw);
            return new(Math.Ceiling(max / step) * step, step, from, to);
        }

        public double At(double value) => From + (Math.Clamp(value / Max, 0, 1) * (To - From));
    }
}
