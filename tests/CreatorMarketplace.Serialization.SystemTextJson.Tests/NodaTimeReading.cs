using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>What the properties of NodaTime values read from their stored form share: NodaTime's own reading to compare with.</summary>
internal static class NodaTimeReading
{
    /// <summary>NodaTime's converters alone, without the library's.</summary>
    public static readonly JsonSerializerOptions NodaTimeAlone = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    /// <summary>Each text as it is, or with one character replaced, inserted or removed, from <paramref name="characters"/>.</summary>
    public static Gen<string> Edited(Gen<string> texts, string characters) =>
        from text in texts
        from position in Gen.Choose(0, text.Length - 1)
        from edit in Gen.Choose(0, 3)
        from character in Gen.Elements(characters.ToCharArray())
        select edit switch
        {
            0 => text,
            1 => text[..position] + character + text[(position + 1)..],
            2 => text[..position] + character + text[position..],
            _ => text.Remove(position, 1),
        };

    /// <summary>A value written by the library's options reads back as itself.</summary>
    public static bool ReadsBack<T>(T value)
        where T : struct =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, CreatorMarketplaceJson.Options), CreatorMarketplaceJson.Options).Equals(value);

    /// <summary>A text is read, or refused, by the library's options as NodaTime's converters alone read or refuse it.</summary>
    public static Property ReadsAsNodaTime<T>(string text, Func<T, string> format)
    {
        var json = JsonSerializer.Serialize(text);
        var expected = Outcome(() => JsonSerializer.Deserialize<T>(json, NodaTimeAlone)!, format);
        var actual = Outcome(() => JsonSerializer.Deserialize<T>(json, CreatorMarketplaceJson.Options)!, format);
        return (actual == expected).Label($"{json}: {actual} against NodaTime's {expected}");
    }

    /// <summary>The value read, formatted, or the refusal's type and message.</summary>
    public static string Outcome<T>(Func<T> read, Func<T, string> format)
    {
        try
        {
            return "read " + format(read());
        }
        catch (Exception exception)
        {
            return $"refused: {exception.GetType().Name}: {exception.Message}";
        }
    }
}
