using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CreatorMarketplace.Connectors.Fakes;

/// <summary>Takes every measurement of a connector package's meter while it lives.</summary>
public sealed class ConnectorMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();

    public ConnectorMeasurements(string meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<ConnectorMeasurement> Taken { get; } = new();

    public void Dispose() => _listener.Dispose();

    private void Add(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var all = tags.ToArray();
        Taken.Enqueue(new ConnectorMeasurement(
            instrument,
            value,
            all.FirstOrDefault(t => t.Key == "creator_marketplace.connector.endpoint").Value as string,
            all.FirstOrDefault(t => t.Key == "creator_marketplace.outcome").Value as string,
            [.. all.Select(t => t.Key)]));
    }
}

/// <summary>One measurement of a connector's instruments, with its endpoint, its outcome and every tag's key.</summary>
public sealed record ConnectorMeasurement(string Instrument, double Value, string? Endpoint, string? Outcome, string[] TagKeys);
