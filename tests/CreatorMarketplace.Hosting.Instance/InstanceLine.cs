namespace CreatorMarketplace.Hosting.Instance;

/// <summary>
/// One line an instance writes on its standard output, as JSON: the answer to a command, or news of a writer.
/// Compiled into the instance program and into the fleet test, which reads the lines.
/// </summary>
internal sealed record InstanceLine
{
    /// <summary>The host started; the first line.</summary>
    public const string Ready = "ready";

    /// <summary>A writer saved one more change (<see cref="Seed"/>, <see cref="Saved"/> so far).</summary>
    public const string Saved = "saved";

    /// <summary>A writer saved all its changes.</summary>
    public const string Written = "written";

    /// <summary>The answers to <see cref="FleetQueries.All"/> (<see cref="Answers"/>).</summary>
    public const string Answered = "answers";

    /// <summary>The follower's status and whether this instance holds the outbox lease.</summary>
    public const string Status = "status";

    /// <summary>A command or a writer failed (<see cref="Error"/>).</summary>
    public const string Failed = "failed";

    /// <summary>The host stopped; the last line.</summary>
    public const string Stopped = "stopped";

    /// <summary>What the line says: one of the constants.</summary>
    public required string Kind { get; init; }

    /// <summary>The writer's seed, for writer lines.</summary>
    public int? Seed { get; init; }

    /// <summary>How many changes the writer has saved.</summary>
    public int? Count { get; init; }

    /// <summary>The search answers.</summary>
    public IReadOnlyList<string>? Answers { get; init; }

    /// <summary>The follower's state.</summary>
    public string? State { get; init; }

    /// <summary>The follower's position.</summary>
    public long? Position { get; init; }

    /// <summary>How many changes the follower could not apply.</summary>
    public long? Faults { get; init; }

    /// <summary>Whether the follower is caught up with the head it saw last.</summary>
    public bool? CaughtUp { get; init; }

    /// <summary>Whether this instance's dispatcher holds the outbox lease.</summary>
    public bool? HoldsLease { get; init; }

    /// <summary>What failed.</summary>
    public string? Error { get; init; }
}
