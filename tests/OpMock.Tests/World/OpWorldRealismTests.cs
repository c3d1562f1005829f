using System.Text.Json;
using System.Text.RegularExpressions;
using OpMock.Core.World;
using OpMock.Core.World.Catalog;

namespace OpMock.Tests.World;

/// <summary>
/// The world looks like a real customer-service backend, measured over 2,000 seeded entities: how
/// many distinct values, in what shares, and whether related values agree.
/// </summary>
public sealed partial class OpWorldRealismTests
{
    private const int Sample = 2000;

    private static readonly OpWorld World = new(WorldOptions.Default with { Seed = 4242 }, Pins.None);

    // Users far past the first OPs' lists (user i is on a list only if i / ops < 12), spread over the world.
    private static readonly IReadOnlyList<string> UserIds = [.. Enumerable.Range(0, Sample).Select(i => World.UserId(1000 + (i * 37)))];

    private static readonly IReadOnlyList<Chat> Chats = [.. UserIds.Select(World.ChatOf)];

    private static readonly IReadOnlyList<User> Users = [.. UserIds.Select(World.User)];

    [Fact]
    public void ChatOf_UsersNotOnAList_HaveStatusesInTheModelsShares()
    {
        // When the latest chats of 2,000 users no OP is serving are generated
        var byCode = Chats.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => (double)g.Count() / Sample);

        // Then none is in service, and each other status has its share of the model within 3 points
        byCode.ShouldNotContainKey(ChatStatuses.Service.Code);
        foreach (var status in ChatStatuses.NotServed.Items)
        {
            byCode.GetValueOrDefault(status.Code).ShouldBe(ChatStatuses.NotServed.Share(status), 0.03, status.Name);
        }
    }

    [Fact]
    public void ChatOf_UsersOnTheirOpsList_AreInServiceAndRecent()
    {
        // Given every OP's list (2.19)
        var listed = Enumerable.Range(0, World.Options.Ops).SelectMany(j => World.ChatsOf(World.Op(World.OpId(j)))).ToList();
        listed.Count.ShouldBeGreaterThan(World.Options.Ops);

        // Then every listed chat is "5" (which 2.19 writes "Service"), created within the last day
        listed.ShouldAllBe(c => c.Status == "5");
        ChatStatuses.Find("5")!.Name.ShouldBe("Service");
        listed.ShouldAllBe(c => c.CreateTime >= World.Options.Anchor.AddDays(-1));

        // And among the first users, exactly the listed ones are in service
        var firstUsers = Enumerable.Range(0, World.Options.Ops * 13).Select(i => World.ChatOf(World.UserId(i)));
        firstUsers.Count(c => c.Status == "5").ShouldBe(listed.Count);
    }

    [Fact]
    public void ChatOf_Clients_AreAFewAppsEachWithOneIdentity()
    {
        // Then the chats come from the catalog's apps, each app always with the same id, type, name and logo
        var apps = Chats.Select(c => c.Client).Distinct().ToList();
        apps.Count.ShouldBe(Clients.All.Items.Length);
        apps.Select(c => c.ClientId).Distinct().Count().ShouldBe(apps.Count);
        apps.Select(c => c.Logo).Distinct().Count().ShouldBe(apps.Count);
        apps.ShouldContain(new Client(4, 4, "Get iOS", "635d69a89716478c9c7b7fc5ea948fe5_100.png"));
        apps.ShouldContain(c => c.Name.Contains("微信"));

        // And in the catalog's shares
        foreach (var app in Clients.All.Items)
        {
            ((double)Chats.Count(c => c.Client == app) / Sample).ShouldBe(Clients.All.Share(app), 0.03, app.Name);
        }
    }

    [Fact]
    public void ChatOf_Channels_AreSeveralInTheirShares()
    {
        var channels = Chats.Select(c => c.Channel).Distinct().ToList();
        channels.Count.ShouldBe(Channels.All.Items.Length);
        channels.Count.ShouldBeGreaterThanOrEqualTo(6);
        channels.Select(c => c.ChannelId).Distinct().Count().ShouldBe(channels.Count);
        channels.ShouldContain(Channels.Unknown);
        foreach (var channel in Channels.All.Items)
        {
            ((double)Chats.Count(c => c.Channel == channel) / Sample).ShouldBe(Channels.All.Share(channel), 0.03, channel.Name);
        }
    }

    [Fact]
    public void ChatOf_TitlesAndMessages_AreManyChineseServiceTexts()
    {
        // Then there are hundreds of distinct titles and messages, in Chinese (the brand "Get" aside)
        var titles = Chats.Select(c => c.Title).Where(t => t.Length > 0).Distinct().ToList();
        var messages = Chats.Select(c => c.Message).Where(m => m.Length > 0).Distinct().ToList();
        titles.Count.ShouldBeGreaterThanOrEqualTo(100);
        messages.Count.ShouldBeGreaterThanOrEqualTo(500);
        titles.Concat(messages).ShouldAllBe(t => Chinese().IsMatch(t));

        // And they speak of home services
        string[] services = ["保洁", "清洗", "维修", "搬", "月嫂", "保姆", "疏通"];
        titles.Count(t => ChineseText.Services.Any(t.StartsWith)).ShouldBe(titles.Count - 1);
        services.ShouldAllBe(s => titles.Any(t => t.Contains(s)));

        // And some titles are empty, as in the example (2.19's title and 2.36's subtitle are this one attribute)
        ((double)Chats.Count(c => c.Title.Length == 0) / Sample).ShouldBeInRange(0.05, 0.2);
        ((double)Chats.Count(c => c.Message.Length == 0) / Sample).ShouldBeInRange(0.08, 0.25);
    }

    [Fact]
    public void ChatOf_CreateTimes_FollowServiceHoursInsideTheWindow()
    {
        var options = World.Options;
        var hours = Chats.Select(c => c.CreateTime.ToOffset(WorldOptions.ChinaOffset).Hour).ToList();

        // Then every chat is inside the window, few start at night, and mid-morning and evening are the peaks
        Chats.ShouldAllBe(c => c.CreateTime >= options.Anchor.AddDays(-options.WindowDays) && c.CreateTime <= options.Anchor);
        ((double)hours.Count(h => h < 7) / Sample).ShouldBeLessThan(0.1);
        foreach (var peak in new[] { 9, 10, 11, 19, 20, 21 })
        {
            hours.Count(h => h == peak).ShouldBeGreaterThan(Sample / 24, $"{peak}:00");
        }

        // And they spread over the window's days
        Chats.Select(c => c.CreateTime.ToOffset(WorldOptions.ChinaOffset).Date).Distinct().Count().ShouldBeGreaterThan(options.WindowDays * 9 / 10);
    }

    [Fact]
    public void UserAndChat_Addresses_NameRealStreetsOfTheirDistrictNearItsCentre()
    {
        for (var i = 0; i < Sample; i++)
        {
            var (chat, user) = (Chats[i], Users[i]);

            // Then every address's street is one of its district's, and the chat's location is near that district
            var (city, district) = ChinaPlaces.Parse(chat.Location.Address).ShouldNotBeNull(chat.Location.Address);
            StreetOf(chat.Location.Address, city, district).ShouldNotBeNull(chat.Location.Address);
            Math.Abs(chat.Location.Lat - district.Lat).ShouldBeLessThanOrEqualTo(ChinaPlaces.Radius + 1e-5);
            Math.Abs(chat.Location.Lng - district.Lng).ShouldBeLessThanOrEqualTo(ChinaPlaces.Radius + 1e-4);
            foreach (var address in user.Addresses)
            {
                var (homeCity, home) = ChinaPlaces.Parse(address.Address).ShouldNotBeNull(address.Address);
                StreetOf(address.Address, homeCity, home).ShouldNotBeNull(address.Address);

                // And the user lives in the city their chat is in
                homeCity.ShouldBe(city);
            }
        }

        // And the world spans all the cities and most of their districts
        Chats.Select(c => ChinaPlaces.Parse(c.Location.Address)!.Value.City).Distinct().Count().ShouldBe(ChinaPlaces.Cities.Length);
        Chats.Select(c => ChinaPlaces.Parse(c.Location.Address)!.Value.District).Distinct().Count()
            .ShouldBeGreaterThan(ChinaPlaces.Cities.Sum(c => c.Districts.Length) * 9 / 10);
    }

    [Fact]
    public void User_Nicknames_AreMadeFromTheUsersOwnName()
    {
        var withNick = Users.Where(u => u.NickName is not null).ToList();
        ((double)withNick.Count / Sample).ShouldBeInRange(0.7, 0.9);
        foreach (var user in withNick)
        {
            // Then the nickname is one of the forms made from the user's family or given name
            var (family, given) = ChineseNames.Split(user.UserName).ShouldNotBeNull(user.UserName);
            var last = given[^1..];
            string[] forms = ["阿" + last, "小" + family, "老" + family, given, "小" + given, "小" + last, last + last];
            forms.ShouldContain(user.NickName!, user.UserName);
        }

        // And there are many of them, not a handful
        withNick.Select(u => u.NickName).Distinct().Count().ShouldBeGreaterThan(200);
        Users.Select(u => u.UserName).Distinct().Count().ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void User_Tags_AreUpToThreeDistinctOnes()
    {
        Users.ShouldAllBe(u => u.Tags.Length <= 3 && u.Tags.Distinct().Count() == u.Tags.Length);
        Enumerable.Range(0, 4).ShouldAllBe(n => Users.Count(u => u.Tags.Length == n) > Sample / 8);
        Users.SelectMany(u => u.Tags).Distinct().Count().ShouldBeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public void User_Phones_AreFromRealMobileSegments()
    {
        var phones = Users.Select(u => u.Phone).Concat(Users.SelectMany(u => u.Contacts).Select(c => c.Phone)).ToList();

        // Then every number is 11 digits in an allocated phone segment, and the segments vary
        phones.ShouldAllBe(p => Regex.IsMatch(p, @"^1\d{10}$"));
        phones.Where(p => !ChineseMobile.Prefixes.Contains(p.Substring(0, 3))).ShouldBeEmpty();
        phones.Select(p => p[..3]).Distinct().Count().ShouldBeGreaterThan(30);
        phones.Distinct().Count().ShouldBe(phones.Count);

        // And the data-only and unallocated segments never appear
        string[] notPhones = ["140", "141", "142", "143", "144", "146", "148", "160", "161", "162", "163", "164", "165", "168", "169", "174", "179", "190", "192", "194", "197"];
        ChineseMobile.Prefixes.Intersect(notPhones).ShouldBeEmpty();
    }

    [Fact]
    public void TwoWorlds_SameSeed_AreByteIdenticalAndAnotherSeedDiffers()
    {
        // Given two worlds with one seed and one with another
        var same = new OpWorld(WorldOptions.Default with { Seed = 4242 }, Pins.None);
        var other = new OpWorld(WorldOptions.Default with { Seed = 4243 }, Pins.None);
        var differing = 0;
        for (var i = 0; i < 300; i++)
        {
            // Then users, chats and OPs serialize to the same bytes with the same seed
            var id = World.UserId(i);
            same.UserId(i).ShouldBe(id);
            Json(same.User(id)).ShouldBe(Json(World.User(id)));
            Json(same.ChatOf(id)).ShouldBe(Json(World.ChatOf(id)));
            var opId = World.OpId(i % 50);
            Json(same.Op(opId)).ShouldBe(Json(World.Op(opId)));

            // And another seed gives other ids and other people for the same index
            other.UserId(i).ShouldNotBe(id);
            differing += Json(other.User(other.UserId(i))) == Json(World.User(id)) ? 0 : 1;
        }

        differing.ShouldBe(300);
    }

    /// <summary>The street of the district that the address names right after the district.</summary>
    private static string? StreetOf(string address, City city, District district) =>
        district.Streets.FirstOrDefault(s => address.AsSpan((city.Prefix + district.Name).Length).StartsWith(s, StringComparison.Ordinal));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>Chinese text: ideographs and Chinese punctuation, maybe the brand "Get" first; no Lorem, no other Latin.</summary>
    [GeneratedRegex(@"^(Get)?[\p{IsCJKUnifiedIdeographs}，。？！]+$")]
    private static partial Regex Chinese();
}
