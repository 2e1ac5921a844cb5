using System.Globalization;

namespace CreatorMarketplace.Scoring;

/// <summary>A reason to doubt an audience, with what was seen.</summary>
/// <param name="Code">A stable code, for example <c>authenticity.low_credibility</c>.</param>
/// <param name="Message">What was seen.</param>
public sealed record AuthenticityFlag(string Code, string Message);

/// <summary>An authenticity assessment: a value from 0 to 1 and the flags behind it.</summary>
/// <param name="Value">1 with no flag; each flag takes its share off.</param>
/// <param name="Flags">The flags raised.</param>
/// <param name="Signals">How many of the three signals could be checked (a missing number is not a flag).</param>
public sealed record AuthenticityAssessment(double Value, IReadOnlyList<AuthenticityFlag> Flags, int Signals);

/// <summary>
/// Authenticity signals: credibility (the share of real followers) under 75%, a follower spike in the daily
/// follower series, and a like/comment ratio far from the peers'. Each raised flag takes its share off 1: low
/// credibility 0.4, a spike 0.3, an odd ratio 0.3.
/// </summary>
public static class Authenticity
{
    /// <summary>The credibility under which the audience is flagged, a common fraud threshold.</summary>
    public const double CredibilityThreshold = 0.75;

    /// <summary>Assesses an audience.</summary>
    /// <param name="credibility">The share of real followers, if reported.</param>
    /// <param name="dailyFollowers">Follower counts, one per day, oldest first (may be empty).</param>
    /// <param name="likesPerComment">The creator's likes ÷ comments, if defined.</param>
    /// <param name="peerLikesPerComment">The peers' quartiles of likes ÷ comments, if known.</param>
    /// <returns>The assessment.</returns>
    public static AuthenticityAssessment Assess(Share? credibility, IReadOnlyList<long> dailyFollowers, double? likesPerComment, Quartiles? peerLikesPerComment)
    {
        ArgumentNullException.ThrowIfNull(dailyFollowers);
        var flags = new List<AuthenticityFlag>();
        var value = 1d;
        var signals = 0;
        if (credibility is { } known)
        {
            signals++;
            if (known.Fraction < CredibilityThreshold)
            {
                flags.Add(new("authenticity.low_credibility", $"credibility {known} is under 75%."));
                value -= 0.4;
            }
        }

        if (dailyFollowers.Count >= 3)
        {
            signals++;
            var gains = dailyFollowers.Zip(dailyFollowers.Skip(1), (before, after) => after - before).ToArray();
            var typical = gains.Order().ElementAt(gains.Length / 2);
            var spike = Array.FindIndex(gains, gain => gain > Int128.Max(5 * (Int128)Math.Max(typical, 0), dailyFollowers[0] / 100));
            if (spike >= 0)
            {
                flags.Add(new("authenticity.follower_spike", string.Create(CultureInfo.InvariantCulture, $"day {spike + 1} gained {gains[spike]:N0} followers against a typical {typical:N0}.")));
                value -= 0.3;
            }
        }

        if (likesPerComment is { } ratio && double.IsFinite(ratio) && peerLikesPerComment is { } peers)
        {
            signals++;
            if (ratio < peers.P25 / 3 || ratio > peers.P75 * 3)
            {
                flags.Add(new("authenticity.like_comment_ratio", string.Create(CultureInfo.InvariantCulture, $"{ratio:0.#} likes per comment, against {peers.P25:0.#}–{peers.P75:0.#} for peers.")));
                value -= 0.3;
            }
        }

        return new(Math.Max(0, value), flags, signals);
    }
}
