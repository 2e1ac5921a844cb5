using System.Text.Json;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Serialization.Converters;

namespace CreatorMarketplace.Serialization;

public static partial class StoredJson
{
    // The stored records that have a quick reading: a creator's stored form, which a bulk read of a store restores by
    // the million. Its records are read by converters of their own (StoredRecordConverter) rather than through
    // System.Text.Json's constructor-based reading, which allocated most of what reading a creator cost.
    private static readonly JsonSerializerOptions QuickOptions = CreateQuickOptions();

    /// <summary>
    /// Reads a scanned document the quick way when its type has one. False when the type has none, or when the quick
    /// reading refuses the document: the general reading then reads it again, and its refusal, worded and located as
    /// it always was, is the one reported. The quick reading accepts nothing the general one refuses.
    /// </summary>
    internal static bool TryReadQuickly(ReadOnlySpan<byte> utf8, Type type, out object? value)
    {
        value = null;
        if (type != typeof(CreatorSnapshot))
        {
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize(utf8, QuickOptions.GetTypeInfo(type));
            return value is not null;
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            return false;
        }
    }

    private static JsonSerializerOptions CreateQuickOptions()
    {
        var options = new JsonSerializerOptions(Options)
        {
            Converters =
            {
                new CreatorSnapshotJsonConverter(),
                new CreatorProfileJsonConverter(),
                new PlatformAccountJsonConverter(),
                new AudienceJsonConverter(),
                new ComplianceViolationJsonConverter(),
                new PastCollaborationJsonConverter(),
            },
        };
        options.MakeReadOnly();
        return options;
    }
}
