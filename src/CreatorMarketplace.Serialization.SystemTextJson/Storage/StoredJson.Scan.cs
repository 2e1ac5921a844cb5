using System.Text.Json;
using CreatorMarketplace.Serialization.Converters;

namespace CreatorMarketplace.Serialization;

public static partial class StoredJson
{
    /// <summary>
    /// Walks the whole document once before it is read, refusing what the serializer would accept or report
    /// without a path: a member that appears twice, an over-long string, an unpaired surrogate escape, and
    /// malformed JSON. Every refusal names the JSON path.
    /// </summary>
    private static void Scan(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        NextItem(frames);
                        frames.Add(new(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        var name = Text(ref reader, frames, "a member name");
                        frame.Member = name;
                        if (!frame.Members.Add(name))
                        {
                            throw Refusal(Path(frames), "the member appears more than once; each member of a stored record appears once.");
                        }

                        break;
                    case JsonTokenType.String:
                        NextItem(frames);
                        _ = Text(ref reader, frames, "the string");
                        break;
                    default:
                        NextItem(frames);
                        break;
                }
            }
        }
        catch (JsonException exception) when (exception.Path is null)
        {
            // The reader's own: the text is not JSON.
            throw new JsonException(
                $"{Path(frames)}: {JsonErrors.Bound(exception.Message)}", Path(frames), exception.LineNumber, exception.BytePositionInLine, exception.InnerException);
        }
    }

    private static string Text(ref Utf8JsonReader reader, List<Frame> frames, string what)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxStringLength)
        {
            throw Refusal(Path(frames), $"{what} takes {length} bytes; a stored string takes at most {MaxStringLength}.");
        }

        try
        {
            return reader.TokenType == JsonTokenType.PropertyName || reader.ValueIsEscaped ? reader.GetString()! : string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw Refusal(Path(frames), $"{what} holds an unpaired surrogate escape (such as \\ud800 alone), which is not text.");
        }
    }

    private static void NextItem(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    private static string Path(List<Frame> frames)
    {
        var path = new System.Text.StringBuilder("$");
        foreach (var frame in frames)
        {
            if (frame.IsArray && frame.Index >= 0)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (!frame.IsArray && frame.Member is { } member)
            {
                path.Append(Segment(member));
            }
        }

        return path.ToString();
    }

    // A member as System.Text.Json writes it in a path: .name, or ['name'] when the name is not a plain word.
    private static string Segment(string member) =>
        member.Length > 0 && member.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            ? "." + member
            : $"['{JsonErrors.Bound(member.Replace("'", "\\'", StringComparison.Ordinal), JsonErrors.QuotedLength)}']";

    // The depth the serializer allows, 64 unless the options say otherwise.
    private static int MaxDepth => Options.MaxDepth == 0 ? 64 : Options.MaxDepth;

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Member { get; set; }

        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);
    }
}
