using System.Globalization;

namespace CreatorMarketplace.Benchmarks;

/// <summary>The options of the benchmarks' own commands (<c>memory</c>, <c>load-time</c>).</summary>
internal static class CommandOptions
{
    /// <summary>The whole number after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="otherwise"/>.</summary>
    public static int Int(string[] args, string name, int otherwise)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : otherwise;
    }
}
