using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.Docs;
using OpMock.Core.World.Catalog;
using OpMock.Core.World.Rules;

namespace OpMock.Core.World.Consistency;

/// <summary>
/// Folds what the docs' examples show into coherent entities, once, when the examples are read: what one example
/// leaves to the world is made to fit what another shows.
/// <list type="bullet">
/// <item>a nickname fits the name (阿洋 → a userName ending in 洋), a name gets a nickname made from it;</item>
/// <item>a chat's coordinates lie in the district its address names (or its address in the district its coordinates
/// fall in), and its user lives in that city;</item>
/// <item>an OP an example shows serving N chats (servingCount) has N chats on its list, and an example chat in service
/// is on its OP's list.</item>
/// </list>
/// Nothing an example shows is changed; where two examples cannot both hold, a <see cref="Disagreement"/> says so.
/// </summary>
internal sealed class ExampleFolding(
    WorldOptions options,
    Dictionary<(EntityKind Kind, string Id), Dictionary<string, JsonNode?>> values,
    Dictionary<string, ChatLinks> chats,
    Dictionary<string, OpChats> ops,
    Func<string, List<string>, int, List<string>> extend)
{
    public List<Disagreement> Disagreements { get; } = [];

    /// <summary>Users an example places in a city (by its chat's address), as indexes into <see cref="ChinaPlaces.Cities"/>.</summary>
    public Dictionary<string, int> Cities { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each chat and each OP's list was first shown, to name in a disagreement.</summary>
    public Dictionary<string, ApiDoc> ChatDocs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ApiDoc> ListDocs { get; } = new(StringComparer.Ordinal);

    /// <summary>The OP of the sample request (its token) of the doc that first showed each chat.</summary>
    public Dictionary<string, string> SampleOps { get; } = new(StringComparer.Ordinal);

    public void Fold()
    {
        foreach (var ((kind, id), facts) in values.OrderBy(p => p.Key.Id, StringComparer.Ordinal))
        {
            if (kind == EntityKind.User)
            {
                Names(id, facts);
                Phones(id, facts);
            }
            else if (kind == EntityKind.Chat)
            {
                Place(id, facts);
            }
            else if (kind == EntityKind.Op)
            {
                Serving(id, facts);
            }
        }

        foreach (var chat in chats.Values.OrderBy(c => c.ChatId, StringComparer.Ordinal).ToList())
        {
            // A chat no example names an OP for is served by the current OP of the sample that shows it (its token).
            var served = chat.OperatorId is null && SampleOps.TryGetValue(chat.ChatId, out var sampleOp) ? chats[chat.ChatId] = chat with { OperatorId = sampleOp } : chat;
            if (served.OperatorId is { } op && (chat.Status ?? ChatStatuses.Service.Code) == ChatStatuses.Service.Code)
            {
                OnItsList(served, op);
            }
        }
    }

    private void Names(string userId, Dictionary<string, JsonNode?> facts)
    {
        var random = new Randomizer(StableHash.Seed(options.Seed, "fold-name", userId));
        var (nickKey, nameKey) = (Facts.Key(Attr.NickName), Facts.Key(Attr.UserName));
        if (!facts.ContainsKey(nameKey) && Text(facts.GetValueOrDefault(nickKey)) is { } nick && ChineseNames.NameFor(random, nick) is { } name)
        {
            facts[nameKey] = name;
        }
        else if (!facts.ContainsKey(nickKey) && Text(facts.GetValueOrDefault(nameKey)) is { } full && ChineseNames.Split(full) is { } parts)
        {
            facts[nickKey] = ChineseNames.Nickname(random, parts.Family, parts.Given);
        }
    }

    /// <summary>
    /// One person, one number: a shown phone gives the masked <c>displayPhone</c> (138****1234); a masked number with no
    /// phone gives a phone it masks (its first three and last four digits, the middle drawn).
    /// </summary>
    private void Phones(string userId, Dictionary<string, JsonNode?> facts)
    {
        var (phoneKey, maskedKey) = (Facts.Key(Attr.Phone), Facts.Key(Attr.DisplayPhone));
        var phone = Shown(facts, phoneKey);
        var masked = Shown(facts, maskedKey);
        if (phone is not null && masked is null)
        {
            facts[maskedKey] = ChineseMobile.Masked(phone);
        }
        else if (phone is null && masked is { Length: 11 } && masked[3..7] == "****" && masked.Remove(3, 4).All(char.IsAsciiDigit))
        {
            var random = new Randomizer(StableHash.Seed(options.Seed, "fold-phone", userId));
            facts[phoneKey] = masked[..3] + random.Number(0, 9999).ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + masked[7..];
        }
    }

    private void Place(string chatId, Dictionary<string, JsonNode?> facts)
    {
        var (addressKey, latKey, lngKey) = (Facts.Key(Attr.Address), Facts.Key(Attr.Lat), Facts.Key(Attr.Lng));
        var random = new Randomizer(StableHash.Seed(options.Seed, "fold-geo", chatId));
        City? city = null;
        if (Text(facts.GetValueOrDefault(addressKey)) is { } address && ChinaPlaces.Parse(address) is { } place)
        {
            city = place.City;
            if (!facts.ContainsKey(latKey) && !facts.ContainsKey(lngKey))
            {
                var (lat, lng) = ChinaPlaces.Near(random, place.District);
                (facts[latKey], facts[lngKey]) = (lat, lng);
            }
        }
        else if (!facts.ContainsKey(addressKey) && Amounts.Read(facts.GetValueOrDefault(latKey)) is { } lat && Amounts.Read(facts.GetValueOrDefault(lngKey)) is { } lng)
        {
            var (nearestCity, district) = Nearest((double)lat, (double)lng);
            city = nearestCity;
            facts[addressKey] = ChinaPlaces.Address(random, nearestCity, district);
        }

        if (city is not null && chats.TryGetValue(chatId, out var chat))
        {
            Cities.TryAdd(chat.UserId, Array.IndexOf(ChinaPlaces.Cities, city));
        }
    }

    /// <summary>An OP an example shows serving N chats has N on its list: made up when no example lists them.</summary>
    private void Serving(string opId, Dictionary<string, JsonNode?> facts)
    {
        var serving = facts.Where(f => f.Key.StartsWith('~') && FieldWords.CountsServedChats(f.Key[1..]))
            .Select(f => Amounts.Read(f.Value)).FirstOrDefault(n => n is >= 0);
        if (serving is not { } count || ops.ContainsKey(opId))
        {
            return;
        }

        var length = (int)Math.Min(count, Lists.ListAssembly.ExampleMax);
        ops[opId] = new OpChats(extend(opId, [], length), length) { Shown = 0 };
    }

    /// <summary>An example chat in service is on its OP's list: in a made-up place of the list, where the list's example leaves room.</summary>
    private void OnItsList(ChatLinks chat, string opId)
    {
        if (!ops.TryGetValue(opId, out var list))
        {
            if (new WorldIds(options.Seed).OpIndex(opId) is null)
            {
                // An OP only examples know serves the chats they show it serving.
                ops[opId] = new OpChats([chat.UserId], 1);
            }

            return;
        }

        if (list.Users.Contains(chat.UserId, StringComparer.Ordinal))
        {
            return;
        }

        // A made-up chat older than this one makes room for it, so the chats an example lists stay first, in their order.
        var users = list.Users.ToList();
        var lastShown = users.Take(list.Shown).Select(u => chats.Values.FirstOrDefault(c => c.UserId == u)?.CreateTime).LastOrDefault(t => t is not null);
        var slot = list.Shown < users.Count && (lastShown is null || chat.CreateTime is null || chat.CreateTime <= lastShown) ? list.Shown : -1;
        if (slot < 0)
        {
            if (ListDocs.TryGetValue(opId, out var listDoc) && ChatDocs.TryGetValue(chat.ChatId, out var chatDoc))
            {
                Disagreements.Add(new Disagreement(EntityKind.Op, opId, "chats",
                    ExampleSpot.Start(listDoc, $"{list.Users.Count} chats without {chat.ChatId}"),
                    ExampleSpot.Of(chatDoc, "chatId", chat.ChatId) with { Value = $"in service with chat {chat.ChatId}" },
                    "the OP's list stays as its example shows it"));
            }

            return;
        }

        var madeUp = users[slot];
        foreach (var replaced in chats.Values.Where(c => c.UserId == madeUp).Select(c => c.ChatId).ToList())
        {
            chats.Remove(replaced);
        }

        users[slot] = chat.UserId;
        ops[opId] = list with { Users = users, Shown = list.Shown + 1 };
    }

    private static (City City, District District) Nearest(double lat, double lng) =>
        ChinaPlaces.Cities.SelectMany(c => c.Districts.Select(d => (City: c, District: d)))
            .MinBy(p => ((p.District.Lat - lat) * (p.District.Lat - lat)) + ((p.District.Lng - lng) * (p.District.Lng - lng)));

    /// <summary>The text an example shows for a key; null when it shows none (or leaves the field out).</summary>
    private static string? Shown(Dictionary<string, JsonNode?> facts, string key) =>
        facts.GetValueOrDefault(key) is var node && ReferenceEquals(node, Facts.Absent) ? null : Text(node);

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
