namespace CreatorMarketplace.Connectors.Http;

/// <summary>The rules that every connector's options check alike: an address it can call, a number or a time within its range.</summary>
internal static class ConnectorOptionRules
{
    /// <summary>Requires an absolute <c>http</c> or <c>https</c> address.</summary>
    public static void RequireHttpAddress(this ErrorCollector errors, Uri? address, string field, string code, string message) =>
        errors.Require(
            address is { IsAbsoluteUri: true } && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp),
            field,
            code,
            message);

    /// <summary>Requires a count from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public static void RequireWithin(this ErrorCollector errors, int value, int min, int max, string field, string code, string message) =>
        errors.Require(value >= min && value <= max, field, code, message);

    /// <summary>Requires a time from zero to <paramref name="max"/>, both included.</summary>
    public static void RequireUpTo(this ErrorCollector errors, TimeSpan value, TimeSpan max, string field, string code, string message) =>
        errors.Require(value >= TimeSpan.Zero && value <= max, field, code, message);
}
