using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using CreatorMarketplace.Hosting.Instance;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>
/// One instance of the fleet test's application (tests/CreatorMarketplace.Hosting.Instance), a process of its own,
/// started from its dll beside the tests: commands go to its stdin one at a time, its answers come back as JSON lines,
/// and its writers' progress is counted as it reports it. The last lines of its stdout and stderr are kept for
/// failure messages.
/// </summary>
internal sealed class FleetInstance : IAsyncDisposable
{
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly Channel<InstanceLine> _replies = Channel.CreateUnbounded<InstanceLine>();
    private readonly SemaphoreSlim _asking = new(1, 1);
    private readonly ConcurrentDictionary<int, int> _saved = new();
    private readonly ConcurrentDictionary<int, bool> _written = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly Task _reading;

    private FleetInstance(string name, Process process)
    {
        Name = name;
        _process = process;
        _reading = Task.WhenAll(Task.Run(ReadOutputAsync), Task.Run(ReadErrorsAsync));
    }

    /// <summary>The instance's name, which its deliveries are recorded under.</summary>
    public string Name { get; }

    /// <summary>What its writers reported failing.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Starts an instance and waits until its host has started.</summary>
    public static async Task<FleetInstance> StartAsync(string name, string connectionString, string schema, TimeSpan timeout)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "CreatorMarketplace.Hosting.Instance.dll");
        var start = new ProcessStartInfo("dotnet", [program, connectionString, schema, name])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var instance = new FleetInstance(name, Process.Start(start).ShouldNotBeNull());
        var ready = await instance.ReplyAsync(timeout, "start");
        ready.Kind.ShouldBe(InstanceLine.Ready, instance.Tail());
        return instance;
    }

    /// <summary>How many changes the writer with this seed reported saved.</summary>
    public int Saved(int seed) => _saved.GetValueOrDefault(seed);

    /// <summary>Whether the writer with this seed reported all its changes saved.</summary>
    public bool HasWritten(int seed) => _written.ContainsKey(seed);

    /// <summary>Starts a writer in the instance: <paramref name="count"/> creator changes from <paramref name="seed"/>.</summary>
    public async Task WriteAsync(int seed, int count)
    {
        await _asking.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync($"write {seed} {count}");
            await _process.StandardInput.FlushAsync();
        }
        finally
        {
            _asking.Release();
        }
    }

    /// <summary>Sends a command and returns its answer; a failure the instance reports throws, with its tail.</summary>
    public async Task<InstanceLine> AskAsync(string command, TimeSpan timeout)
    {
        await _asking.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            var reply = await ReplyAsync(timeout, command);
            if (reply.Kind == InstanceLine.Failed)
            {
                throw new InvalidOperationException($"{Name} failed '{command}': {reply.Error}{Environment.NewLine}{Tail()}");
            }

            return reply;
        }
        finally
        {
            _asking.Release();
        }
    }

    /// <summary>Kills the process and everything it started, and waits until its output is read to the end.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _reading;
    }

    /// <summary>Stops the instance by its exit command and checks that it exited cleanly.</summary>
    public async Task ExitAsync(TimeSpan timeout)
    {
        (await AskAsync("exit", timeout)).Kind.ShouldBe(InstanceLine.Stopped, Tail());
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.ExitCode.ShouldBe(0, Tail());
    }

    /// <summary>The instance's name, whether it exited, and the last lines of its output.</summary>
    public string Tail()
    {
        var writers = string.Join(", ", _saved.OrderBy(pair => pair.Key).Select(pair => $"seed {pair.Key}: {pair.Value:N0} saved{(HasWritten(pair.Key) ? ", done" : string.Empty)}"));
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        return $"--- {Name} ({state}; {(writers.Length == 0 ? "no writer" : writers)}), its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, _tail)}";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _reading;
        _process.Dispose();
        _asking.Dispose();
    }

    private async Task<InstanceLine> ReplyAsync(TimeSpan timeout, string command)
    {
        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            return await _replies.Reader.ReadAsync(waiting.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not answer '{command}' within {timeout}.{Environment.NewLine}{Tail()}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"{Name} ended without answering '{command}'.{Environment.NewLine}{Tail()}");
        }
    }

    private async Task ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } text)
        {
            var line = JsonSerializer.Deserialize<InstanceLine>(text).ShouldNotBeNull();
            switch (line)
            {
                case { Kind: InstanceLine.Saved, Seed: { } seed, Count: { } count }:
                    _saved[seed] = count;
                    continue;
                case { Kind: InstanceLine.Written, Seed: { } seed }:
                    _written[seed] = true;
                    break;
                case { Kind: InstanceLine.Failed, Seed: not null }:
                    _failures.Enqueue(text);
                    break;
                case { Kind: InstanceLine.Answered, Answers: { } answers }:
                    // An answer is long: the tail keeps its size only.
                    await _replies.Writer.WriteAsync(line);
                    Keep($"answers: {answers.Count}, the first: {answers.FirstOrDefault()?.Split(' ')[0]} creators");
                    continue;
                default:
                    await _replies.Writer.WriteAsync(line);
                    break;
            }

            Keep(text);
        }

        _replies.Writer.Complete();
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } text)
        {
            Keep(text);
        }
    }

    private void Keep(string text)
    {
        _tail.Enqueue(text.Length <= 400 ? text : text[..400] + "…");
        while (_tail.Count > TailLines)
        {
            _tail.TryDequeue(out _);
        }
    }
}
