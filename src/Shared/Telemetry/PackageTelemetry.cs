using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace CreatorMarketplace;

// A package's one ActivitySource and one Meter, both named after the package and versioned as its assembly is.
// Compiled into each package that reports telemetry, as an internal type of its own.
internal sealed class PackageTelemetry
{
    // The attribute OpenTelemetry's semantic conventions name for a failed operation: the exception's type.
    public const string ErrorType = "error.type";

    public PackageTelemetry(string name)
    {
        var assembly = typeof(PackageTelemetry).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString();
        Source = new ActivitySource(name, version);
        Meter = new Meter(name, version);
    }

    public ActivitySource Source { get; }

    public Meter Meter { get; }

    // Marks a span failed with the exception's type (never its message, which may quote data) and returns the type.
    public static string Failed(Activity? activity, Exception exception)
    {
        var type = exception.GetType().FullName ?? exception.GetType().Name;
        activity?.SetStatus(ActivityStatusCode.Error);
        activity?.SetTag(ErrorType, type);
        return type;
    }
}
