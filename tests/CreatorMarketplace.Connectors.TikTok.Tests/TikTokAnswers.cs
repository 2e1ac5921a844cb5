namespace CreatorMarketplace.Connectors.Fakes;

/// <summary>TikTok's answers, in its documented envelope.</summary>
public sealed partial record Answer
{
    public const string LogId = "20261130120000LOGID";

    public static Answer Ok(string data) => new(200, $$$"""{"data":{{{data}}},"error":{"code":"ok","message":"","log_id":"{{{LogId}}}"}}""");

    /// <summary>TikTok's error envelope with any code, message and log id.</summary>
    public static Answer Envelope(int status, string code, string message, string logId = LogId) =>
        Json(status, new { data = new { }, error = new { code, message, log_id = logId } });

    public static Answer Error(int status, string code, string message = "Something went wrong.") =>
        new(status, $$$"""{"data":{},"error":{"code":"{{{code}}}","message":"{{{message}}}","log_id":"{{{LogId}}}"}}""");
}

