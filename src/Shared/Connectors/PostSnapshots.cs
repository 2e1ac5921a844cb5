using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>The snapshots of a metrics call and the check of a post, asked and read as every connector does.</summary>
internal static class PostSnapshots
{
    /// <summary>Fetches the metrics of the distinct posts asked; none asked gives none without a call.</summary>
    /// <param name="postIds">The ids asked, checked by <see cref="ConnectorArguments.DistinctPostIds"/>.</param>
    /// <param name="max">The most the platform's call takes.</param>
    /// <param name="call">The platform's call, as messages name it.</param>
    /// <param name="fetch">Fetches the metrics of the distinct ids.</param>
    public static ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>> OfDistinctAsync(
        IReadOnlyList<string> postIds,
        int max,
        string call,
        Func<string[], ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>>> fetch)
    {
        var ids = ConnectorArguments.DistinctPostIds(postIds, max, call);
        return ids.Length == 0 ? ValueTask.FromResult<ConnectorResult<IReadOnlyList<PostMetrics>>>(Array.Empty<PostMetrics>()) : fetch(ids);
    }

    /// <summary>The check of the post among the platform's items, each with its <c>id</c>; <see cref="Gone"/> when none is the post.</summary>
    public static ConnectorResult<PostCheck> Check(IEnumerable<JsonAt> items, string postId, Func<JsonAt, PostCheck> read)
    {
        foreach (var item in items)
        {
            if (string.Equals(item.String("id"), postId, StringComparison.Ordinal))
            {
                return read(item);
            }
        }

        return Gone(postId);
    }

    /// <summary>A post the platform no longer returns: deleted, or no longer public.</summary>
    public static NotFound Gone(string postId) => new($"post {postId}");

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
