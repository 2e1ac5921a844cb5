using Ardalis.SmartEnum;

namespace CreatorMarketplace.Creators;

/// <summary>The age buckets in which the platforms report audiences: 13-17, 18-24, 25-34, 35-44, 45-54, 55+.</summary>
public sealed class AgeBucket : SmartEnum<AgeBucket, int>
{
    /// <summary>Ages 13 to 17: minors, restricted for alcohol, gambling and similar categories.</summary>
    public static readonly AgeBucket From13To17 = new("13-17", 1, 13, 17);

    /// <summary>Ages 18 to 24.</summary>
    public static readonly AgeBucket From18To24 = new("18-24", 2, 18, 24);

    /// <summary>Ages 25 to 34.</summary>
    public static readonly AgeBucket From25To34 = new("25-34", 3, 25, 34);

    /// <summary>Ages 35 to 44.</summary>
    public static readonly AgeBucket From35To44 = new("35-44", 4, 35, 44);

    /// <summary>Ages 45 to 54.</summary>
    public static readonly AgeBucket From45To54 = new("45-54", 5, 45, 54);

    /// <summary>Ages 55 and over.</summary>
    public static readonly AgeBucket From55 = new("55+", 6, 55, null);

    private AgeBucket(string name, int value, int minAge, int? maxAge)
        : base(name, value)
    {
        MinAge = minAge;
        MaxAge = maxAge;
    }

    /// <summary>The youngest age in the bucket.</summary>
    public int MinAge { get; }

    /// <summary>The oldest age in the bucket; null for the open-ended 55+.</summary>
    public int? MaxAge { get; }

    /// <summary>Whether the bucket holds only minors (under 18).</summary>
    public bool IsMinor => MaxAge is < 18;
}

/// <summary>The gender buckets in which the platforms report audiences.</summary>
public sealed class AudienceGender : SmartEnum<AudienceGender, int>
{
    /// <summary>Female.</summary>
    public static readonly AudienceGender Female = new(nameof(Female), 1);

    /// <summary>Male.</summary>
    public static readonly AudienceGender Male = new(nameof(Male), 2);

    /// <summary>Other or not stated.</summary>
    public static readonly AudienceGender Other = new(nameof(Other), 3);

    private AudienceGender(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>The device (operating system) buckets in which the platforms report audiences.</summary>
public sealed class AudienceDevice : SmartEnum<AudienceDevice, int>
{
    /// <summary>Apple iOS and iPadOS.</summary>
    public static readonly AudienceDevice Ios = new("iOS", 1);

    /// <summary>Android.</summary>
    public static readonly AudienceDevice Android = new(nameof(Android), 2);

    /// <summary>Desktop browsers and anything else.</summary>
    public static readonly AudienceDevice Other = new(nameof(Other), 3);

    private AudienceDevice(string name, int value)
        : base(name, value)
    {
    }
}
