using Ardalis.SmartEnum;

namespace CreatorMarketplace.Contracts;

/// <summary>An edit the brand may make to the creator's content. An edit not granted is not permitted.</summary>
public sealed class ContentEdit : SmartEnum<ContentEdit, int>
{
    /// <summary>Shorter versions cut from the content.</summary>
    public static readonly ContentEdit CutDowns = new(nameof(CutDowns), 1);

    /// <summary>Captions and subtitles added or changed.</summary>
    public static readonly ContentEdit Captions = new(nameof(Captions), 2);

    /// <summary>Translated captions, voice-over or on-screen text.</summary>
    public static readonly ContentEdit Translations = new(nameof(Translations), 3);

    /// <summary>Overlays such as logos, calls to action or prices.</summary>
    public static readonly ContentEdit Overlays = new(nameof(Overlays), 4);

    private ContentEdit(string name, int value)
        : base(name, value)
    {
    }
}
