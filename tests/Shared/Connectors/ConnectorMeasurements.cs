using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CreatorMarketplace.Connectors.Fakes;

/// <summary>Every measurement of one connector package's meter, with its endpoint, its outcome and the keys of all its tags.</summary>
public sealed class ConnectorMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();

    public ConnectorMeasurements(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
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

/// <summary>One measurement of a connector's instrument.</summary>
public sealed record ConnectorMeasurement(string Instrument, double Value, string? Endpoint, string? Outcome, string[] TagKeys);
