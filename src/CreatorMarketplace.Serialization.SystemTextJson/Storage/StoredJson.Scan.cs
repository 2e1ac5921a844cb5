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
        var frames = new Frames();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.NextItem();
                        frames.Push(reader.TokenType == JsonTokenType.StartArray);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames.Top;
                        var name = Text(ref reader, frames, "a member name");
                        frame.Member = name;
                        if (!frame.Members.Add(name))
                        {
                            throw Refusal(frames.Path(), "the member appears more than once; each member of a stored record appears once.");
                        }

                        break;
                    case JsonTokenType.String:
                        frames.NextItem();
                        _ = Text(ref reader, frames, "the string");
                        break;
                    default:
                        frames.NextItem();
                        break;
                }
            }
        }
        catch (JsonException exception) when (exception.Path is null)
        {
            // The reader's own: the text is not JSON.
            throw new JsonException(
                $"{frames.Path()}: {JsonErrors.Bound(exception.Message)}", frames.Path(), exception.LineNumber, exception.BytePositionInLine, exception.InnerException);
        }
    }

    private static string Text(ref Utf8JsonReader reader, Frames frames, string what)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxStringLength)
        {
            throw Refusal(frames.Path(), $"{what} takes {length} bytes; a stored string takes at most {MaxStringLength}.");
        }

        try
        {
            return reader.TokenType == JsonTokenType.PropertyName || reader.ValueIsEscaped ? reader.GetString()! : string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw Refusal(frames.Path(), $"{what} holds an unpaired surrogate escape (such as \\ud800 alone), which is not text.");
        }
    }

    // A member as System.Text.Json writes it in a path: .name, or ['name'] when the name is not a plain word.
    private static string Segment(string member) =>
        member.Length > 0 && member.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            ? "." + member
            : $"['{JsonErrors.Bound(member.Replace("'", "\\'", StringComparison.Ordinal), JsonErrors.QuotedLength)}']";

    // The depth the serializer allows, 64 unless the options say otherwise.
    private static int MaxDepth => Options.MaxDepth == 0 ? 64 : Options.MaxDepth;

    // The containers the scan is inside, outermost first; their frames are reused from one document's objects to the next.
    private sealed class Frames
    {
        private readonly List<Frame> _frames = [];
        private int _depth;

        public Frame Top => _frames[_depth - 1];

        public void Push(bool isArray)
        {
            if (_depth == _frames.Count)
            {
                _frames.Add(new Frame());
            }

            _frames[_depth++].Reset(isArray);
        }

        public void Pop() => _depth--;

        public void NextItem()
        {
            if (_depth > 0 && Top.IsArray)
            {
                Top.Index++;
            }
        }

        public string Path()
        {
            var path = new System.Text.StringBuilder("$");
            for (var i = 0; i < _depth; i++)
            {
                var frame = _frames[i];
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
    }

    private sealed class Frame
    {
        public bool IsArray { get; private set; }

        public int Index { get; set; }

        public string? Member { get; set; }

        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);

        public void Reset(bool isArray)
        {
            IsArray = isArray;
            Index = -1;
            Member = null;
            Members.Clear();
        }
    }
}
