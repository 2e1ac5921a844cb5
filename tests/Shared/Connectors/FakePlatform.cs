using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CreatorMarketplace.Connectors.Fakes;

/// <summary>
/// What the fake answers: a status, a body, and optionally a Retry-After header, a delay, a reason phrase of its own
/// more headers, and a body sent in chunks with no length. Each platform's tests add the answers in its own shapes (a partial of this record).
/// </summary>
public sealed partial record Answer(int Status, string Body, string? RetryAfter = null, TimeSpan Delay = default, string? Reason = null, IReadOnlyDictionary<string, string>? Headers = null, bool Chunked = false)
{
    /// <summary>Any body, serialised as JSON does (escaping what it escapes), so that it holds any text.</summary>
    public static Answer Json(int status, object body) => new(status, JsonSerializer.Serialize(body));

    /// <summary>What a path without answers gets.</summary>
    public static Answer NoSuchPath { get; } = new(404, """{"error":{"message":"No such path."}}""");
}

/// <summary>One request the fake received.</summary>
public sealed record Received(string Method, string Path, string Query, string? Authorization, string? ContentType, string Body);

/// <summary>
/// A platform's stand-in on 127.0.0.1 at a free port: each path answers from its queue of answers in turn, the last
/// one repeating; a path with none answers 404.
/// </summary>
public sealed class FakePlatform : IDisposable
{
    private readonly HttpListener _listener;
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<Answer>> _answers = new(StringComparer.Ordinal);
    private readonly List<Received> _received = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _serving;

    private FakePlatform(HttpListener listener, int port)
    {
        _listener = listener;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _serving = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<Received> Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    public static FakePlatform Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakePlatform(listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Another process took the port between the probe and the start.
                listener.Close();
            }
        }
    }

    public FakePlatform On(string path, params Answer[] answers)
    {
        lock (_gate)
        {
            if (!_answers.TryGetValue(path, out var queue))
            {
                queue = new Queue<Answer>();
                _answers[path] = queue;
            }

            foreach (var answer in answers)
            {
                queue.Enqueue(answer);
            }
        }

        return this;
    }

    public IReadOnlyList<Received> To(string path) => Received.Where(request => request.Path == path).ToArray();

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by the listener closing under it.
        }

        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var path = context.Request.Url!.AbsolutePath;
            Answer answer;
            lock (_gate)
            {
                _received.Add(new Received(context.Request.HttpMethod, path, context.Request.Url.Query, context.Request.Headers["Authorization"], context.Request.ContentType, body));
                answer = _answers.TryGetValue(path, out var queue) && queue.Count > 0
                    ? queue.Count > 1 ? queue.Dequeue() : queue.Peek()
                    : Answer.NoSuchPath;
            }

            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, _stopping.Token);
            }

            context.Response.StatusCode = answer.Status;
            if (answer.Reason is { } reason)
            {
                context.Response.StatusDescription = reason;
            }

            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            if (answer.RetryAfter is { } retryAfter)
            {
                context.Response.Headers["Retry-After"] = retryAfter;
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentType = "application/json; charset=UTF-8";
            if (answer.Chunked)
            {
                // No length given: the reader learns the size only by reading.
                context.Response.SendChunked = true;
            }
            else
            {
                context.Response.ContentLength64 = bytes.Length;
            }

            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (cancellation, timeout) or the fake is stopping.
            context.Response.Abort();
        }
    }
}
