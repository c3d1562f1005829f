using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>Users are adults, 18 to 70, with an age that is the years since their birthday, over 5,000 users.</summary>
public sealed class UserLifeTests(ListsWorld lists) : IClassFixture<ListsWorld>
{
    [Fact]
    public void Born_FiveThousandUsers_AreAdultsOfEveryAgeWithTheAgeTheirBirthdaySays()
    {
        var now = lists.World.Options.Anchor;
        var ages = new HashSet<int>();
        for (var i = 0; i < 5000; i++)
        {
            // When a user's profile (8.3) is asked for
            var profile = lists.Post(ListsWorld.UserProfile, new JsonObject { ["userId"] = lists.World.UserId(i * 19) })["data"]!;
            var born = DateTime.ParseExact(profile["birthday"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var age = profile["age"]!.GetValue<int>();

            // Then they were born at least 18 years ago, at most 70, and their age is the whole years since
            born.ShouldBeLessThanOrEqualTo(now.Date.AddYears(-18));
            age.ShouldBeInRange(18, 70);
            age.ShouldBe(UserLife.Age(new DateTimeOffset(born, now.Offset), now));
            ages.Add(age);
        }

        ages.Count.ShouldBeGreaterThan(45);
    }

    [Theory]
    [InlineData("2000-03-01", "2026-02-28", 25)]
    [InlineData("2000-03-01", "2026-03-01", 26)]
    [InlineData("2000-02-29", "2026-02-28", 25)]
    [InlineData("2000-02-29", "2026-03-01", 26)]
    public void Age_AroundTheBirthday_CountsWholeYears(string born, string today, int age) =>
        UserLife.Age(DateTimeOffset.Parse(born + "T00:00:00+08:00", CultureInfo.InvariantCulture), DateTimeOffset.Parse(today + "T12:00:00+08:00", CultureInfo.InvariantCulture)).ShouldBe(age);
}
