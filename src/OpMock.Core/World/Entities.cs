using System.Collections.Immutable;

namespace OpMock.Core.World;

/// <summary>An OP (staff member, operatorId). Users are the ones whose chats the OP serves.</summary>
internal sealed record Op(string Id, string Name, bool IsOnline, ImmutableArray<string> Users);

internal sealed record UserAddress(string UserAddressId, string Address, string Remark);

internal sealed record UserContact(string Name, string Phone, string UserContactId);

internal sealed record User(
    string Id,
    string UserName,
    string? NickName,
    string Phone,
    string Icon,
    ImmutableArray<string> Tags,
    ImmutableArray<UserAddress> Addresses,
    ImmutableArray<UserContact> Contacts,
    int ServiceCount,
    int ChatCount,
    int OrderCount);

internal sealed record Location(string Address, double Lat, double Lng);

internal sealed record Channel(string ChannelId, string Name);

/// <summary>A client app (see Catalog/Clients): clientId names the app, clientType its platform.</summary>
internal sealed record Client(int ClientId, int ClientType, string Name, string Logo);

/// <summary>
/// A user's current chat. Every endpoint that shows it reads this one record (through <see cref="WorldMap"/>),
/// so every doc agrees on its ids, OP, title (a doc's `title` or `subtitle`), address (`address` or
/// `location.address`) and creation instant by construction.
/// </summary>
internal sealed record Chat(
    string ChatId,
    string GroupId,
    string UserId,
    string OperatorId,
    DateTimeOffset CreateTime,
    string Status,
    string Message,
    string Title,
    Location Location,
    Channel Channel,
    Client Client,
    bool IsInGroup,
    string? VersionCode,
    string? RefChatId);

/// <summary>
/// A message of a chat: its generated history (see <see cref="ChatMessages"/>) or one a session sent.
/// <see cref="FromType"/> is who wrote it, as the docs code it: 1 the user, 2 an OP, 3 the system.
/// </summary>
internal sealed record Message(string Id, string ChatId, int FromType, string FromId, DateTimeOffset SendTime, string Content, string MsgType)
{
    public const int FromUser = 1;
    public const int FromOp = 2;
}
