namespace OpMock.Core.World.Catalog;

/// <summary>
/// The client apps users write from. Each app has ONE clientId, clientType, name and logo, as a real
/// backend's client registry has: 2.36's example app (clientId 4, clientType 4, "Get iOS") is one of them.
/// clientType is the platform; two apps can share one (the iPad app is an iOS client).
/// </summary>
internal static class Clients
{
    public static readonly Client Ios = new(4, 4, "Get iOS", "635d69a89716478c9c7b7fc5ea948fe5_100.png");
    public static readonly Client Android = new(3, 3, "Get Android", "af89a652cbb2d49174f40154a8b0f900_100.png");
    public static readonly Client WeChat = new(2, 2, "Get 微信公众号", "1a164b510b37733504f27dc2edea7141_100.png");
    public static readonly Client MiniProgram = new(5, 5, "Get 小程序", "641448d985f0edfb4a2b53496cbf80d6_100.png");
    public static readonly Client Web = new(1, 1, "Get 网页版", "99b890c40af264c45868e79a0b76edb9_100.png");
    public static readonly Client IPad = new(6, 4, "Get iPad", "c5355582d870d35bdbff07126b67fa56_100.png");

    /// <summary>Shares (in %) of chats per app: phones first, then WeChat.</summary>
    public static readonly Weighted<Client> All = new((Android, 36), (Ios, 30), (WeChat, 16), (MiniProgram, 10), (Web, 5), (IPad, 3));
}
