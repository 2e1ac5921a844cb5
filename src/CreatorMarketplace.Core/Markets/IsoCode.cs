using System.Diagnostics.CodeAnalysis;
using Ardalis.SmartEnum;

namespace CreatorMarketplace;

/// <summary>
/// Finding an ISO-coded smart enum (<see cref="Country"/>, <see cref="Language"/>, <see cref="Currency"/>) by its
/// code: a code of the standard's length, matched against the enum's names ignoring case.
/// </summary>
/// <typeparam name="TEnum">The smart enum, whose names are its codes.</typeparam>
/// <typeparam name="TValue">The smart enum's value.</typeparam>
internal static class IsoCode<TEnum, TValue>
    where TEnum : SmartEnum<TEnum, TValue>
    where TValue : IEquatable<TValue>, IComparable<TValue>
{
    /// <summary>Finds the value of <paramref name="code"/>, or refuses it.</summary>
    /// <param name="code">The code to find.</param>
    /// <param name="length">The length of every code of the standard.</param>
    /// <param name="notACode">What the code is not, completing "\"XX\" is not …", for example <c>"an active ISO 4217 currency code"</c>.</param>
    /// <param name="parameter">The caller's parameter name, for the exception.</param>
    /// <param name="errorCode">The error's code when <paramref name="code"/> is refused, for example <c>"currency.unknown_code"</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="DomainValidationException"><paramref name="code"/> is no code of the standard.</exception>
    public static TEnum From(string code, int length, string notACode, string parameter, string errorCode)
    {
        ArgumentNullException.ThrowIfNull(code, parameter);
        return TryFrom(code, length, out var found)
            ? found
            : throw DomainValidationException.Of(parameter, errorCode, $"{ErrorText.Quote(code)} is not {notACode}.");
    }

    /// <summary>Finds the value of <paramref name="code"/>.</summary>
    /// <param name="code">The code to find, or null.</param>
    /// <param name="length">The length of every code of the standard.</param>
    /// <param name="found">The value when found.</param>
    /// <returns>Whether <paramref name="code"/> is a code of the standard.</returns>
    public static bool TryFrom(string? code, int length, [NotNullWhen(true)] out TEnum? found)
    {
        found = null;
        return code?.Length == length && SmartEnum<TEnum, TValue>.TryFromName(code, ignoreCase: true, out found);
    }
}
