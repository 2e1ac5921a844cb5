using System.Text.Json;
using CreatorMarketplace.Serialization.Converters;

namespace CreatorMarketplace.Serialization;

public static partial class StoredJson
{
    /// <summary>
    /// Walks the whole document once before it is read, refusing what the serializer would accept or report
    /// without a path: a member that appears twice, an over-long string, an unpaired surrogate escape, and
    /// malformed JSON. Every refusal names the JSON path. Member names are compared as their UTF-8 bytes, without
    /// making a string of each.
    /// </summary>
    private static void Scan(byte[] utf8, int length)
    {
        var reader = new Utf8JsonReader(utf8.AsSpan(0, length), new JsonReaderOptions { MaxDepth = MaxDepth });
        var frames = Frames.Rent(utf8);
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
                        var name = MemberNameOf(ref reader, frames);
                        if (!frames.AddMember(name))
                        {
                            throw Refusal(frames.Path(), "the member appears more than once; each member of a stored record appears once.");
                        }

                        break;
                    case JsonTokenType.String:
                        frames.NextItem();
                        CheckText(ref reader, frames, "the string");
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
        finally
        {
            frames.Return();
        }
    }

    // A member name as its UTF-8 bytes: where the document holds them, or, when it escapes them, where the frames
    // keep them unescaped, so that "a" and "\u0061" are the same member.
    private static MemberName MemberNameOf(ref Utf8JsonReader reader, Frames frames)
    {
        if (!reader.ValueIsEscaped)
        {
            CheckLength(ref reader, frames, "a member name");

            // Unescaped, the name's bytes follow the quote the token starts with.
            return new MemberName(frames.Document, checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length);
        }

        return frames.Unescaped(Text(ref reader, frames, "a member name"));
    }

    private static void CheckLength(ref Utf8JsonReader reader, Frames frames, string what)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxStringLength)
        {
            throw Refusal(frames.Path(), $"{what} takes {length} bytes; a stored string takes at most {MaxStringLength}.");
        }
    }

    private static string Text(ref Utf8JsonReader reader, Frames frames, string what)
    {
        CheckLength(ref reader, frames, what);
        try
        {
            return reader.TokenType == JsonTokenType.PropertyName || reader.ValueIsEscaped ? reader.GetString()! : string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw NotText(frames, what);
        }
    }

    private static JsonException NotText(Frames frames, string what) =>
        Refusal(frames.Path(), $"{what} holds an unpaired surrogate escape (such as \\ud800 alone), which is not text.");

    // Checks a string as Text does, unescaping it into a pooled buffer instead of a string that nobody keeps.
    private static void CheckText(ref Utf8JsonReader reader, Frames frames, string what)
    {
        CheckLength(ref reader, frames, what);
        if (!reader.ValueIsEscaped)
        {
            return;
        }

        // Unescaped, a string has at most as many characters as its bytes written.
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(length);
        try
        {
            _ = reader.CopyString(chars);
        }
        catch (InvalidOperationException)
        {
            throw NotText(frames, what);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    // A member as System.Text.Json writes it in a path: .name, or ['name'] when the name is not a plain word.
    private static string Segment(string member) =>
        member.Length > 0 && member.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            ? "." + member
            : $"['{JsonErrors.Bound(member.Replace("'", "\\'", StringComparison.Ordinal), JsonErrors.QuotedLength)}']";

    // The depth the serializer allows, 64 unless the options say otherwise.
    private static int MaxDepth => Options.MaxDepth == 0 ? 64 : Options.MaxDepth;

    // The containers the scan is inside, outermost first; their frames are reused from one document's objects to the
    // next, and from one document to the next on the same thread.
    private sealed class Frames
    {
        // Frames this large are dropped when the scan ends rather than kept for the thread's next document.
        private const int KeptMembers = 1024;
        private const int KeptUnescapedBytes = 4096;

        [ThreadStatic]
        private static Frames? t_cached;

        private readonly List<Frame> _frames = [];
        private byte[] _unescaped = new byte[256];
        private int _unescapedLength;
        private int _depth;

        public byte[] Document { get; private set; } = [];

        public Frame Top => _frames[_depth - 1];

        public static Frames Rent(byte[] document)
        {
            var frames = t_cached ?? new Frames();
            t_cached = null;
            frames.Document = document;
            frames._depth = 0;
            frames._unescapedLength = 0;
            return frames;
        }

        public void Return()
        {
            Document = [];
            if (_unescaped.Length <= KeptUnescapedBytes && _frames.TrueForAll(frame => frame.Members.Count <= KeptMembers))
            {
                t_cached = this;
            }
        }

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

        /// <summary>Records the current object's next member; false when it has one of that name already.</summary>
        public bool AddMember(MemberName name)
        {
            var frame = Top;
            frame.Member = name;
            return frame.Members.Add(name);
        }

        /// <summary>An escaped member name, kept as its unescaped UTF-8 bytes.</summary>
        public MemberName Unescaped(string name)
        {
            var length = System.Text.Encoding.UTF8.GetByteCount(name);
            if (_unescaped.Length - _unescapedLength < length)
            {
                // Names kept so far stay in the old buffer, which they still refer to.
                _unescaped = new byte[Math.Max(_unescaped.Length * 2, length)];
                _unescapedLength = 0;
            }

            var start = _unescapedLength;
            _unescapedLength += System.Text.Encoding.UTF8.GetBytes(name, _unescaped.AsSpan(start));
            return new MemberName(_unescaped, start, length);
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
                    path.Append(Segment(member.ToString()));
                }
            }

            return path.ToString();
        }
    }

    private sealed class Frame
    {
        public bool IsArray { get; private set; }

        public int Index { get; set; }

        public MemberName? Member { get; set; }

        public HashSet<MemberName> Members { get; } = [];

        public void Reset(bool isArray)
        {
            IsArray = isArray;
            Index = -1;
            Member = null;
            Members.Clear();
        }
    }

    // A member name's UTF-8 bytes, compared and hashed by content.
    private readonly struct MemberName(byte[] bytes, int start, int length) : IEquatable<MemberName>
    {
        private ReadOnlySpan<byte> Bytes => bytes.AsSpan(start, length);

        public bool Equals(MemberName other) => Bytes.SequenceEqual(other.Bytes);

        public override bool Equals(object? obj) => obj is MemberName other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            hash.AddBytes(Bytes);
            return hash.ToHashCode();
        }

        public override string ToString() => System.Text.Encoding.UTF8.GetString(Bytes);
    }
}
