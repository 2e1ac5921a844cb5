using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CreatorMarketplace.Discovery;

// A catalog's search span and instruments, on its package's source and meter, for valid queries (an invalid one is
// answered before a search starts). A search is on the hot path: a catalog asks Start, which is null when nobody listens, and then builds no tag and reads no clock. The query's text and the
// creators found are never tagged; only the catalog's kind and the counts.
internal sealed class SearchInstruments
{
    public const string Catalog = "creator_marketplace.catalog";
    public const string ResultCount = "creator_marketplace.search.result_count";
    public const string Candidates = "creator_marketplace.search.candidates";

    private readonly ActivitySource _source;
    private readonly KeyValuePair<string, object?> _catalog;
    private readonly Histogram<double> _duration;
    private readonly Histogram<long> _candidates;

    public SearchInstruments(PackageTelemetry package, string catalog)
    {
        _source = package.Source;
        _catalog = new(Catalog, catalog);
        _duration = package.Meter.CreateHistogram<double>("creator_marketplace.search.duration", "s", "How long a catalog search took.");
        _candidates = package.Meter.CreateHistogram<long>("creator_marketplace.search.candidates", "{creator}", "How many creators matched a search, on every page.");
    }

    // A search measured from now, or null when nobody listens.
    public Measured? Start() =>
        _duration.Enabled || _candidates.Enabled || _source.HasListeners()
            ? new Measured(this, _source.StartActivity("creator_marketplace.search", ActivityKind.Internal)?.SetTag(Catalog, _catalog.Value), Stopwatch.GetTimestamp())
            : null;

    internal sealed class Measured(SearchInstruments instruments, Activity? activity, long started)
    {
        public void Complete(CreatorSearchPage page)
        {
            activity?.SetTag(ResultCount, page.Items.Count);
            activity?.SetTag(Candidates, page.TotalCount);
            instruments._candidates.Record(page.TotalCount, instruments._catalog);
            instruments._duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, instruments._catalog);
            activity?.Dispose();
        }

        // Records a search that threw; false, so that it can be called from an exception filter and the exception
        // goes on unchanged.
        public bool Failed(Exception exception)
        {
            var type = PackageTelemetry.Failed(activity, exception);
            instruments._duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, instruments._catalog, new(PackageTelemetry.ErrorType, type));
            activity?.Dispose();
            return false;
        }
    }
}
