using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>The snapshots of a metrics call, read as every connector reads them.</summary>
internal static class PostSnapshots
{
    /// <summary>
    /// Each item's snapshot, checked by <see cref="PostMetrics.Validate"/>, in the order asked; an item not asked for, or
    /// repeated, and a snapshot that breaks a rule are malformed, named by the JSON path the field came from.
    /// </summary>
    /// <param name="items">The platform's items, each with its <c>id</c>.</param>
    /// <param name="asked">The ids asked, distinct.</param>
    /// <param name="read">Reads an item, given its id, into a snapshot.</param>
    /// <param name="sources">Where each <see cref="PostMetrics"/> field came from within an item.</param>
    public static PostMetrics[] InOrderAsked(IEnumerable<JsonAt> items, string[] asked, Func<JsonAt, string, PostMetrics> read, IReadOnlyDictionary<string, string> sources)
    {
        var found = new Dictionary<string, PostMetrics>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var id = item.String("id");
            if (!asked.Contains(id, StringComparer.Ordinal) || found.ContainsKey(id))
            {
                throw MalformedResponseException.At($"{item.Path}.id", $"'{id}' was not asked for, or came twice.");
            }

            var metrics = read(item, id);
            if (metrics.Validate() is [var error, ..])
            {
                var source = sources.GetValueOrDefault(error.Field, error.Field);
                throw new MalformedResponseException($"{item.Path}.{source}: {error.Message} ({error.Code})");
            }

            found.Add(id, metrics);
        }

        return asked.Where(found.ContainsKey).Select(id => found[id]).ToArray();
    }
}
