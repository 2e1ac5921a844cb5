namespace CreatorMarketplace;

/// <summary>Names the members of a stored form in the errors a snapshot check reports.</summary>
internal static class SnapshotPaths
{
    /// <summary>
    /// The errors of a value's own validator with their paths in camelCase: validators name C# members
    /// (<c>DisplayName</c>), a snapshot names its members as its JSON does (<c>profile.displayName</c>).
    /// </summary>
    /// <param name="errors">The validator's errors.</param>
    /// <returns>The same errors, renamed.</returns>
    public static IEnumerable<DomainError> CamelCased(IEnumerable<DomainError> errors) =>
        errors.Select(error => new DomainError(CamelCase(error.Field), error.Code, error.Message));

    /// <summary>Lower-cases the first letter of each member in a path, leaving keys in brackets as they are.</summary>
    /// <param name="path">A path such as <c>Price.Currency</c> or <c>FollowerCountries[US]</c>.</param>
    /// <returns>The path in camelCase.</returns>
    public static string CamelCase(string path)
    {
        var chars = path.ToCharArray();
        var depth = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '[')
            {
                depth++;
            }
            else if (chars[i] == ']')
            {
                depth--;
            }
            else if (depth == 0 && (i == 0 || chars[i - 1] == '.'))
            {
                chars[i] = char.ToLowerInvariant(chars[i]);
            }
        }

        return new string(chars);
    }
}
