namespace CreatorMarketplace.Creators;

/// <summary>
/// Who follows a creator, as distributions that each sum to 1: gender, age bucket, country, device and language,
/// with the optional credibility (the share of followers judged real). A breakdown the platform did not report is
/// null — missing is not zero.
/// </summary>
public sealed record Audience
{
    /// <summary>An audience of which nothing is known yet.</summary>
    public static Audience Unknown { get; } = new();

    /// <summary>The share of followers by gender, if reported.</summary>
    public Distribution<AudienceGender>? Gender { get; init; }

    /// <summary>The share of followers by age bucket, if reported.</summary>
    public Distribution<AgeBucket>? Age { get; init; }

    /// <summary>The share of followers by country, if reported.</summary>
    public Distribution<Country>? Countries { get; init; }

    /// <summary>The share of followers by device, if reported.</summary>
    public Distribution<AudienceDevice>? Devices { get; init; }

    /// <summary>The share of followers by language, if reported.</summary>
    public Distribution<Language>? Languages { get; init; }

    /// <summary>The share of followers judged to be real people, if assessed; below 75% is a common fraud flag.</summary>
    public Share? Credibility { get; init; }

    /// <summary>The share of followers under 18, if the age breakdown is known.</summary>
    public Share? MinorShare => Age?.ShareOf(AgeBucket.List.Where(bucket => bucket.IsMinor));
}
