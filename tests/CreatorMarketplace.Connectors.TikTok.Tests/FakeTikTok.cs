namespace CreatorMarketplace.Connectors.TikTok.Tests;

/// <summary>The paths of TikTok's endpoints on the fake platform.</summary>
public static class FakeTikTok
{
    public const string UserInfo = "/v2/user/info/";
    public const string VideoList = "/v2/video/list/";
    public const string VideoQuery = "/v2/video/query/";
    public const string Token = "/v2/oauth/token/";
}
