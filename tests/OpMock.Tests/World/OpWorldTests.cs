using System.Text.RegularExpressions;
using OpMock.Core.World;

namespace OpMock.Tests.World;

public sealed partial class OpWorldTests
{
    private static readonly OpWorld World = new(WorldOptions.Default with { Seed = 99 }, Pins.None);

    [Fact]
    public void Users_ManyGenerated_LookChinese()
    {
        for (var i = 0; i < 1000; i++)
        {
            // Given a user of the world
            var user = World.User(World.UserId(i * 31));

            // Then the name is one string, family name first, no space or Latin letters
            user.UserName.ShouldMatch(@"^\p{IsCJKUnifiedIdeographs}{2,4}$");
            ChineseNames.LooksLikeFullName(user.UserName).ShouldBeTrue(user.UserName);
            if (user.NickName is { } nick)
            {
                nick.ShouldMatch(@"^\p{IsCJKUnifiedIdeographs}{1,3}$");
            }

            // And phones, ids, icons and addresses have the observed shapes
            user.Phone.ShouldMatch(@"^1[3-9]\d{9}$");
            user.Id.ShouldMatch("^u0001[0-9a-f]{32}$");
            user.Icon.ShouldBeOneOf(Avatars.Path(user.Id), Avatars.Path(Avatars.DefaultId));
            user.Tags.All(t => ChineseOnly().IsMatch(t)).ShouldBeTrue(string.Join(",", user.Tags));
            foreach (var address in user.Addresses)
            {
                ChinaPlaces.Cities.Any(c => address.Address.StartsWith(c.Prefix, StringComparison.Ordinal)).ShouldBeTrue(address.Address);
                address.Address.ShouldMatch("区.+(路|街|道|大街|大道)");
            }

            user.Contacts.All(c => PhonePattern().IsMatch(c.Phone)).ShouldBeTrue();
            user.Addresses.Select(a => a.UserAddressId).Concat(user.Contacts.Select(c => c.UserContactId)).ShouldAllBe(id => Regex.IsMatch(id, "^[0-9a-f]{32}$"));
        }
    }

    [Fact]
    public void Chats_ManyGenerated_AreRealisticAndRecent()
    {
        var options = World.Options;
        for (var i = 0; i < 1000; i++)
        {
            var chat = World.ChatOf(World.UserId(i * 7));

            chat.GroupId.ShouldMatch(@"^\d{18}$");
            chat.ChatId.ShouldBe("u0001" + chat.GroupId);
            chat.OperatorId.ShouldMatch("^o0001[0-9a-f]{32}$");
            chat.CreateTime.ShouldBeInRange(options.Anchor.AddDays(-options.WindowDays), options.Anchor);
            (chat.Message.Length == 0 || ChineseText().IsMatch(chat.Message)).ShouldBeTrue(chat.Message);
            (chat.Title.Length == 0 || ChineseText().IsMatch(chat.Title)).ShouldBeTrue(chat.Title);
            chat.Status.ShouldBeOneOf("1", "3", "5", "7", "8", "9");
            chat.Client.Logo.ShouldMatch("^[0-9a-f]{32}_100.png$");

            // The location is inside China, near the district its address names
            var (_, district) = ChinaPlaces.Parse(chat.Location.Address).ShouldNotBeNull(chat.Location.Address);
            Math.Abs(chat.Location.Lat - district.Lat).ShouldBeLessThan(0.05);
            Math.Abs(chat.Location.Lng - district.Lng).ShouldBeLessThan(0.05);
        }
    }

    [Fact]
    public void Ops_TheirUsers_HaveChatsNamingThem()
    {
        for (var j = 0; j < 50; j++)
        {
            var op = World.Op(World.OpId(j));
            foreach (var userId in op.Users)
            {
                World.ChatOf(userId).OperatorId.ShouldBe(op.Id);
            }
        }
    }

    [Fact]
    public void TwoWorlds_SameSeed_AreEqual()
    {
        var other = new OpWorld(WorldOptions.Default with { Seed = 99 }, Pins.None);
        for (var i = 0; i < 200; i++)
        {
            var id = World.UserId(i);
            other.UserId(i).ShouldBe(id);
            System.Text.Json.JsonSerializer.Serialize(other.User(id)).ShouldBe(System.Text.Json.JsonSerializer.Serialize(World.User(id)));
            other.ChatOf(id).ShouldBe(World.ChatOf(id));
        }
    }

    [Fact]
    public void AnyUserId_EvenUnknown_GetsAStableChat()
    {
        World.ChatOf("whatever").ShouldBe(World.ChatOf("whatever"));
        World.ChatOf("whatever").UserId.ShouldBe("whatever");
    }

    [Fact]
    public void Sizes_AMillionUsers_CostNoMoreThanAThousand()
    {
        // The world stores nothing per user: the last user of a million is generated like the first.
        var big = new OpWorld(WorldOptions.Default with { Users = 1_000_000 }, Pins.None);
        var last = big.UserId(999_999);
        big.ChatOf(last).OperatorId.ShouldBe(big.OpId(999_999 % 50));
    }

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}A-Za-z]+$")]
    private static partial Regex ChineseOnly();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex PhonePattern();

    /// <summary>Chinese text: ideographs and Chinese punctuation, maybe the brand "Get", no Lorem ipsum.</summary>
    [GeneratedRegex(@"^(Get)?[\p{IsCJKUnifiedIdeographs}，。？！]+$")]
    private static partial Regex ChineseText();
}
