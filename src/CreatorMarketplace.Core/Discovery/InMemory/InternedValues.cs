using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The values many listings repeat (languages, labels, subdivision and violation codes, time zones, calendars), each
/// kept once per catalog and written into an encoded listing as its number (<see cref="ListingCodec"/>). The table
/// only grows, so a number once given always means the same value. Text is the same value when its characters are;
/// any other value only when it is the same object, so a decoded listing holds the very objects the encoded one did.
/// </summary>
/// <remarks>
/// Encoders on any thread add values; readers decode without a lock. A value's number is handed out only after the
/// value is in the array, and a new array is published only after the values are copied into it, so a reader that
/// holds a row (written after its values were numbered) finds every value the row names in whichever array it reads.
/// </remarks>
internal sealed class InternedValues
{
    private readonly ConcurrentDictionary<object, int> _numbers = new(TextOrReference.Instance);
    private readonly object _adding = new();
    private object[] _values = new object[64];
    private int _count;

    /// <summary>The number of a value, which is added when new.</summary>
    public int NumberOf(object value) =>
        _numbers.TryGetValue(value, out var number) ? number : Add(value);

    /// <summary>The value of a number some encoded row holds.</summary>
    public T ValueOf<T>(int number)
        where T : class => (T)Volatile.Read(ref _values)[number];

    private sealed class TextOrReference : IEqualityComparer<object>
    {
        public static readonly TextOrReference Instance = new();

        public new bool Equals(object? x, object? y) =>
            ReferenceEquals(x, y) || (x is string text && y is string other && string.Equals(text, other, StringComparison.Ordinal));

        public int GetHashCode(object value) => value is string text ? text.GetHashCode(StringComparison.Ordinal) : RuntimeHelpers.GetHashCode(value);
    }

    private int Add(object value)
    {
        lock (_adding)
        {
            if (_numbers.TryGetValue(value, out var number))
            {
                return number;
            }

            var values = _values;
            if (_count == values.Length)
            {
                var longer = new object[values.Length * 2];
                Array.Copy(values, longer, values.Length);
                Volatile.Write(ref _values, longer);
                values = longer;
            }

            number = _count++;
            Volatile.Write(ref values[number], value);
            _numbers[value] = number;
            return number;
        }
    }
}
