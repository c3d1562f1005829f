using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Json;

namespace OpMock.Core.World;

/// <summary>The kinds of entity the world holds. None: an object no rule below names, generated from the request.</summary>
internal enum EntityKind
{
    None,
    User,
    Chat,
    Op,
    Message,
}

/// <summary>An attribute of an entity record; every doc field the table maps to it shows the same value.</summary>
internal enum Attr
{
    Id,
    UserName,
    NickName,
    Phone,
    DisplayPhone,
    Icon,
    Addresses,
    Tags,
    Contacts,
    ServiceCount,
    ChatCount,
    OrderCount,
    GroupId,
    Title,
    Address,
    Lat,
    Lng,
    CreateTime,
    Status,
    Message,
    ClientId,
    ClientType,
    ClientName,
    ClientLogo,
    ChannelId,
    ChannelName,
    IsInGroup,
    VersionCode,
    RefChatId,
    Name,
    IsOnline,
    Closed,
    CloseTime,
    Duration,
    Content,
    FromType,
    FromId,
    SendTime,
    MsgType,
}

/// <summary>
/// Where a field's value comes from: an attribute of the object's own entity or of one related to it; for a kind the
/// docs describe, <paramref name="Via"/> names the relation field that holds the related entity's id (handlerId).
/// </summary>
internal readonly record struct AttrRef(EntityKind Owner, Attr Attr, string? Via = null);

/// <summary>
/// The built-in kinds' attribute rows (see <see cref="Kinds.KindTable"/>): doc field names to the world's entities, read by the server (entity → JSON) and by the
/// examples reader (JSON → entity), so a name means the same in every doc. docs/world.md explains it.
/// </summary>
/// <remarks>
/// Names are matched case-insensitively. A path (<c>location.address</c>) is a field inside a plain object of the
/// entity (one no entity rule names): the part's field name joined to the object's field name.
/// </remarks>
internal static class WorldMap
{
    /// <summary>Request and response fields that name an entity of a built-in kind by id, strongest first (the kinds table's).</summary>
    public static ImmutableArray<(string Name, EntityKind Kind)> Ids => Kinds.KindTable.BuiltIn.Ids;

    private static readonly FrozenDictionary<(EntityKind, string), AttrRef> Rows = Build(
        (EntityKind.User, EntityKind.User, Attr.Id, ["userId"]),
        (EntityKind.User, EntityKind.User, Attr.UserName, ["userName", "realName"]),
        (EntityKind.User, EntityKind.User, Attr.NickName, ["nickName"]),
        (EntityKind.User, EntityKind.User, Attr.Phone, ["phone", "mobile", "userPhone"]),
        (EntityKind.User, EntityKind.User, Attr.DisplayPhone, ["displayPhone"]),
        (EntityKind.User, EntityKind.User, Attr.Icon, ["icon", "userIcon", "avatar", "avatarUrl", "headImg", "headImgUrl", "headUrl", "portrait"]),
        (EntityKind.User, EntityKind.User, Attr.Addresses, ["address", "addresses"]),
        (EntityKind.User, EntityKind.User, Attr.Tags, ["tags"]),
        (EntityKind.User, EntityKind.User, Attr.Contacts, ["contacts"]),
        (EntityKind.User, EntityKind.User, Attr.ServiceCount, ["serviceCount", "userGradeServiceCount"]),
        (EntityKind.User, EntityKind.User, Attr.ChatCount, ["chatCount", "userGradeChatCount"]),
        (EntityKind.User, EntityKind.User, Attr.OrderCount, ["orderCount", "userGradeOrderCount"]),
        (EntityKind.User, EntityKind.Chat, Attr.Id, ["chatId"]),
        (EntityKind.User, EntityKind.Chat, Attr.GroupId, ["groupId"]),

        (EntityKind.Chat, EntityKind.Chat, Attr.Id, ["chatId"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.GroupId, ["groupId"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.Title, ["title", "subtitle"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.Address, ["address", "location.address"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.Lat, ["lat", "location.lat"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.Lng, ["lng", "location.lng"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.CreateTime, ["createTime"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.Status, ["status"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.Message, ["message"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.ClientId, ["client.clientId", "clientId"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.ClientType, ["clientType", "client.clientType"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.ClientName, ["client.name"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.ClientLogo, ["client.logo"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.ChannelId, ["channel.channelId"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.ChannelName, ["channel.name"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.IsInGroup, ["isInGroup"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.VersionCode, ["versionCode"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.RefChatId, ["refChatId"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.Closed, ["closed", "isClosed"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.CloseTime, ["closeTime", "endTime", "finishTime"]),
        (EntityKind.Chat, EntityKind.Chat, Attr.Duration, ["duration", "chatDuration", "serviceDuration"]),
        (EntityKind.Chat, EntityKind.User, Attr.Id, ["userId"]),
        (EntityKind.Chat, EntityKind.User, Attr.UserName, ["userName"]),
        (EntityKind.Chat, EntityKind.User, Attr.NickName, ["nickName"]),
        (EntityKind.Chat, EntityKind.User, Attr.Phone, ["phone", "userPhone"]),
        (EntityKind.Chat, EntityKind.User, Attr.Icon, ["userIcon", "icon", "avatar"]),
        (EntityKind.Chat, EntityKind.User, Attr.ServiceCount, ["userGradeServiceCount"]),
        (EntityKind.Chat, EntityKind.User, Attr.ChatCount, ["userGradeChatCount"]),
        (EntityKind.Chat, EntityKind.User, Attr.OrderCount, ["userGradeOrderCount"]),
        (EntityKind.Chat, EntityKind.Op, Attr.Id, ["operatorId", "staffId", "opId"]),
        (EntityKind.Chat, EntityKind.Op, Attr.Name, ["operatorName", "staffName"]),

        (EntityKind.Op, EntityKind.Op, Attr.Id, ["staffId", "operatorId", "opId"]),
        (EntityKind.Op, EntityKind.Op, Attr.Name, ["name", "staffName", "operatorName"]),
        (EntityKind.Op, EntityKind.Op, Attr.IsOnline, ["isOnline", "online"]),
        (EntityKind.Op, EntityKind.Op, Attr.Icon, ["icon", "avatar", "avatarUrl", "headImg", "headImgUrl", "headUrl", "portrait", "staffIcon", "operatorIcon"]),

        (EntityKind.Message, EntityKind.Message, Attr.Id, ["messageId", "msgId"]),
        (EntityKind.Message, EntityKind.Message, Attr.Content, ["content", "text", "msg", "message", "msgContent", "messageContent"]),
        (EntityKind.Message, EntityKind.Message, Attr.FromType, ["fromType", "senderType"]),
        (EntityKind.Message, EntityKind.Message, Attr.FromId, ["fromId", "senderId"]),
        (EntityKind.Message, EntityKind.Message, Attr.SendTime, ["sendTime", "createTime", "time", "msgTime"]),
        (EntityKind.Message, EntityKind.Message, Attr.MsgType, ["msgType", "messageType"]),
        (EntityKind.Message, EntityKind.Chat, Attr.Id, ["chatId"]),
        (EntityKind.Message, EntityKind.Chat, Attr.GroupId, ["groupId"]),
        (EntityKind.Message, EntityKind.User, Attr.Id, ["userId"]),
        (EntityKind.Message, EntityKind.Op, Attr.Id, ["staffId", "operatorId", "opId"]));

    /// <summary>
    /// Whether a doc's example writes chat states as names (2.19: "Service") rather than codes (2.36: "5"): the same
    /// state is then written the doc's way, so one doc's list never mixes the two.
    /// </summary>
    public static bool WritesStatusNames(string? example)
    {
        var names = 0;
        var codes = 0;
        Walk(OpJson.TryParse(example ?? "", out _, out _));
        return names > 0 && codes == 0;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject map:
                    foreach (var (key, value) in map)
                    {
                        if (key.Equals("status", StringComparison.OrdinalIgnoreCase) && value is JsonValue text
                            && text.TryGetValue<string>(out var written) && written.Length > 0)
                        {
                            _ = written.All(char.IsAsciiDigit) ? codes++ : names++;
                        }
                        else
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray list:
                    foreach (var item in list)
                    {
                        Walk(item);
                    }

                    break;
            }
        }
    }

    /// <summary>The attribute a field at <paramref name="path"/> inside an object about <paramref name="kind"/> shows, if any.</summary>
    public static AttrRef? Attribute(EntityKind kind, string path) =>
        Rows.TryGetValue((kind, path), out var found) ? found : null;

    /// <summary>Whether a field name (or a path's last part) is an attribute of a built-in kind: no kind of its own (groupId, clientId).</summary>
    public static bool Owns(string fieldName) => OwnedNames.Contains(fieldName);

    /// <summary>Whether any field of an object is an attribute of an OP (isOnline) or a list of its chats.</summary>
    public static bool AboutAnOp(IEnumerable<(string Name, string? Section)> fields) =>
        fields.Any(f => Attribute(EntityKind.Op, f.Name) is not null || Kinds.KindTable.BuiltIn.Entity(f.Name, f.Section) == EntityKind.Chat);

    private static readonly FrozenSet<string> OwnedNames = Rows.Keys.Select(k => k.Item2[(k.Item2.LastIndexOf('.') + 1)..])
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static FrozenDictionary<(EntityKind, string), AttrRef> Build(params (EntityKind Context, EntityKind Owner, Attr Attr, string[] Names)[] rows)
    {
        var table = new Dictionary<(EntityKind, string), AttrRef>(new KeyComparer());
        foreach (var (context, owner, attr, names) in rows)
        {
            foreach (var name in names)
            {
                table.TryAdd((context, name), new AttrRef(owner, attr));
            }
        }

        return table.ToFrozenDictionary(new KeyComparer());
    }

    private sealed class KeyComparer : IEqualityComparer<(EntityKind, string)>
    {
        public bool Equals((EntityKind, string) x, (EntityKind, string) y) =>
            x.Item1 == y.Item1 && string.Equals(x.Item2, y.Item2, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((EntityKind, string) obj) =>
            HashCode.Combine(obj.Item1, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }
}
