namespace OpMock.Core.World.Catalog;

/// <summary>
/// Where users came from (2.36's 用户来源渠道). 2.36's example shows the backend's fallback,
/// 未知渠道 with id 未知渠道ID; the others are the usual acquisition channels of a home-services app.
/// </summary>
internal static class Channels
{
    public static readonly Channel Unknown = new("未知渠道ID", "未知渠道");

    /// <summary>Shares (in %) of users per channel.</summary>
    public static readonly Weighted<Channel> All = new(
        (new Channel("10001", "应用商店"), 22),
        (Unknown, 20),
        (new Channel("10002", "微信公众号"), 17),
        (new Channel("10003", "老用户推荐"), 12),
        (new Channel("10004", "地推活动"), 8),
        (new Channel("10005", "搜索引擎"), 7),
        (new Channel("10006", "短视频广告"), 6),
        (new Channel("10007", "小区物业合作"), 5),
        (new Channel("10008", "企业团购"), 3));
}
