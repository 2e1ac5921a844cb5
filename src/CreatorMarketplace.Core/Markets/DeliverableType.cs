using Ardalis.SmartEnum;

namespace CreatorMarketplace;

/// <summary>
/// A kind of content a creator delivers: what a rate card prices, a brief asks for and a contract licenses.
/// </summary>
public sealed class DeliverableType : SmartEnum<DeliverableType, int>
{
    /// <summary>A feed video (a TikTok video, a YouTube video).</summary>
    public static readonly DeliverableType Video = new(nameof(Video), 1);

    /// <summary>A short vertical video in a dedicated format (Instagram Reels, YouTube Shorts).</summary>
    public static readonly DeliverableType ShortVideo = new(nameof(ShortVideo), 2);

    /// <summary>An ephemeral story.</summary>
    public static readonly DeliverableType Story = new(nameof(Story), 3);

    /// <summary>A single image post.</summary>
    public static readonly DeliverableType ImagePost = new(nameof(ImagePost), 4);

    /// <summary>A post of several images or clips.</summary>
    public static readonly DeliverableType Carousel = new(nameof(Carousel), 5);

    /// <summary>A live stream.</summary>
    public static readonly DeliverableType LiveStream = new(nameof(LiveStream), 6);

    private DeliverableType(string name, int value)
        : base(name, value)
    {
    }
}
