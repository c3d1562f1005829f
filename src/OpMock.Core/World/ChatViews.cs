using System.Text.Json.Nodes;

namespace OpMock.Core.World;

/// <summary>
/// How the two documented routes show a chat. Times are written as epoch millis here; the shaper
/// rewrites them in each field's documented format, so both routes show the same instant.
/// </summary>
internal static class ChatViews
{
    public const string ChatInfoRoute = "/op/v2/getChatInfoByUserId";
    public const string ReceivesRoute = "/op/v2/receives";

    public static JsonObject ChatInfo(Chat chat, User user) => new()
    {
        ["createTime"] = chat.CreateTime.ToUnixTimeMilliseconds(),
        ["isInGroup"] = chat.IsInGroup,
        ["client"] = new JsonObject { ["logo"] = chat.Client.Logo, ["name"] = chat.Client.Name, ["clientId"] = chat.Client.ClientId },
        ["operatorId"] = chat.OperatorId,
        ["location"] = new JsonObject { ["address"] = chat.Location.Address, ["lng"] = chat.Location.Lng, ["lat"] = chat.Location.Lat },
        ["status"] = chat.Status,
        ["versionCode"] = chat.VersionCode,
        ["groupId"] = chat.GroupId,
        ["subtitle"] = chat.Subtitle,
        ["user"] = new JsonObject
        {
            ["tags"] = new JsonArray([.. user.Tags.Select(t => (JsonNode)t)]),
            ["icon"] = user.Icon,
            ["phone"] = user.Phone,
            ["address"] = new JsonArray([.. user.Addresses.Select(a => (JsonNode)new JsonObject
            {
                ["userAddressId"] = a.UserAddressId, ["address"] = a.Address, ["remark"] = a.Remark,
            })]),
            ["nickName"] = user.NickName,
            ["userId"] = user.Id,
            ["userName"] = user.UserName,
            ["serviceCount"] = user.ServiceCount,
            ["contacts"] = new JsonArray([.. user.Contacts.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name, ["phone"] = c.Phone, ["userContactId"] = c.UserContactId,
            })]),
            ["displayPhone"] = ChineseMobile.Masked(user.Phone),
        },
        ["channel"] = new JsonObject { ["channelId"] = chat.Channel.ChannelId, ["name"] = chat.Channel.Name },
        ["refChatId"] = chat.RefChatId,
        ["chatId"] = chat.ChatId,
        ["clientType"] = chat.Client.ClientId,
    };

    /// <summary>An item of 2.19's list: every chat it lists is in service, which it writes "Service".</summary>
    public static JsonObject ReceivesItem(Chat chat, User user) => new()
    {
        ["message"] = chat.Message,
        ["createTime"] = chat.CreateTime.ToUnixTimeMilliseconds(),
        ["groupId"] = chat.GroupId,
        ["title"] = chat.Title,
        ["nickName"] = user.NickName,
        ["status"] = "Service",
        ["address"] = user.Addresses.Length > 0 ? user.Addresses[0].Address : "",
        ["userId"] = user.Id,
        ["userIcon"] = user.Icon,
        ["chatId"] = chat.ChatId,
        ["userGradeChatCount"] = user.ChatCount,
        ["userGradeOrderCount"] = user.OrderCount,
        ["userGradeServiceCount"] = user.ServiceCount,
    };
}
