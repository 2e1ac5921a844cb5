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
    // Each encoding thread's numbers of the values it met last, for the table it met them in.
    [ThreadStatic]
    private static RecentNumbers? t_recent;

    private static long s_tables;

    private readonly long _table = Interlocked.Increment(ref s_tables);
    private readonly ConcurrentDictionary<object, int> _numbers = new(TextOrReference.Instance);
    private readonly object _adding = new();
    private object[] _values = new object[64];
    private int _count;

    /// <summary>The number of a value, which is added when new.</summary>
    public int NumberOf(object value) =>
        _numbers.TryGetValue(value, out var number) ? number : Add(value);

    /// <summary>
    /// This thread's numbers of the values of this table it looked up last (<see cref="RecentNumbers.NumberOf"/>),
    /// emptied when the thread last used another table.
    /// </summary>
    public RecentNumbers Recent
    {
        get
        {
            var recent = t_recent ??= new RecentNumbers();
            recent.Serve(_table);
            return recent;
        }
    }

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

    /// <summary>
    /// One thread's numbers of the values it looked up last, by the value's own object: a listing's time zone,
    /// languages and labels are mostly objects many listings share, found here without hashing their text. A
    /// number once given never changes, so a remembered one stays true; another object with the same text is looked
    /// up in the table and then remembered in its place.
    /// </summary>
    internal sealed class RecentNumbers
    {
        private const int Slots = 256;
        private readonly object?[] _values = new object?[Slots];
        private readonly int[] _numbers = new int[Slots];
        private long _table;

        /// <summary>The number of a value in <paramref name="table"/>, the one this thread last served.</summary>
        public int NumberOf(object value, InternedValues table)
        {
            var slot = RuntimeHelpers.GetHashCode(value) & (Slots - 1);
            if (ReferenceEquals(_values[slot], value))
            {
                return _numbers[slot];
            }

            var number = table.NumberOf(value);
            (_values[slot], _numbers[slot]) = (value, number);
            return number;
        }

        // Forgets another table's numbers (by its serial number, so that no table is kept alive from here).
        public void Serve(long table)
        {
            if (_table != table)
            {
                Array.Clear(_values);
                _table = table;
            }
        }
    }
}
