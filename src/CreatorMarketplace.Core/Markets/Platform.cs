using System.Diagnostics.CodeAnalysis;
using Ardalis.SmartEnum;

namespace CreatorMarketplace;

/// <summary>
/// A social platform on which creators publish, with the rules of its account handles as data.
/// </summary>
public sealed class Platform : SmartEnum<Platform, int>
{
    /// <summary>TikTok: handles of 2–24 letters, digits, underscores and periods.</summary>
    public static readonly Platform TikTok = new("TikTok", 1, 2, 24, "_.");

    /// <summary>Instagram: handles of 1–30 letters, digits, underscores and periods.</summary>
    public static readonly Platform Instagram = new("Instagram", 2, 1, 30, "_.");

    /// <summary>YouTube: handles of 3–30 letters, digits, underscores, hyphens and periods.</summary>
    public static readonly Platform YouTube = new("YouTube", 3, 3, 30, "_-.");

    /// <summary>Facebook: usernames of 5–50 letters, digits and periods.</summary>
    public static readonly Platform Facebook = new("Facebook", 4, 5, 50, ".");

    /// <summary>Snapchat: usernames of 3–15 letters, digits, hyphens, underscores and periods.</summary>
    public static readonly Platform Snapchat = new("Snapchat", 5, 3, 15, "-_.");

    /// <summary>X (formerly Twitter): handles of 1–15 letters, digits and underscores.</summary>
    public static readonly Platform X = new("X", 6, 1, 15, "_");

    /// <summary>Twitch: logins of 4–25 letters, digits and underscores.</summary>
    public static readonly Platform Twitch = new("Twitch", 7, 4, 25, "_");

    private readonly string _handlePunctuation;
    private readonly IReadOnlyList<char> _handlePunctuationList;

    private Platform(string name, int value, int minHandleLength, int maxHandleLength, string handlePunctuation)
        : base(name, value)
    {
        MinHandleLength = minHandleLength;
        MaxHandleLength = maxHandleLength;
        _handlePunctuation = handlePunctuation;
        _handlePunctuationList = Array.AsReadOnly(handlePunctuation.ToCharArray());
    }

    /// <summary>The fewest characters a handle may have, without the leading <c>@</c>.</summary>
    public int MinHandleLength { get; }

    /// <summary>The most characters a handle may have, without the leading <c>@</c>.</summary>
    public int MaxHandleLength { get; }

    /// <summary>The punctuation allowed in handles besides ASCII letters and digits.</summary>
    public IReadOnlyList<char> HandlePunctuation => _handlePunctuationList;

    /// <summary>Finds a platform by name, ignoring case (<c>"tiktok"</c>, <c>"YouTube"</c>).</summary>
    /// <param name="name">The platform's name.</param>
    /// <param name="platform">The platform when found.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryFromNameIgnoringCase(string? name, [NotNullWhen(true)] out Platform? platform)
    {
        platform = null;
        return !string.IsNullOrEmpty(name) && TryFromName(name, ignoreCase: true, out platform);
    }

    /// <summary>
    /// Checks a handle (without the leading <c>@</c>) against this platform's rules and says which one it breaks.
    /// </summary>
    /// <param name="handle">The handle to check.</param>
    /// <returns>Null when valid, otherwise the broken rule.</returns>
    internal string? CheckHandle(string handle)
    {
        if (handle.Length < MinHandleLength || handle.Length > MaxHandleLength)
        {
            return $"a {Name} handle has {MinHandleLength} to {MaxHandleLength} characters, got {handle.Length}.";
        }

        foreach (var c in handle)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !_handlePunctuation.Contains(c, StringComparison.Ordinal))
            {
                return $"a {Name} handle may contain only ASCII letters, digits and '{_handlePunctuation}', got {ErrorText.Quote(c.ToString())}.";
            }
        }

        return null;
    }
}
