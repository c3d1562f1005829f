using System.Text.Json.Nodes;
using OpMock.Core.World;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.World.Rules;

/// <summary>One person, one set of facts (issue 26.7): genders follow given names, displayPhone is the masked phone.</summary>
public sealed class GenderRuleTests(ListsWorld lists) : IClassFixture<ListsWorld>
{
    // The test's own reading of given names, apart from the server's table: characters almost only given to women or to men.
    private const string Women = "芳娜敏静丽艳娟霞英燕梅兰珍婷琪瑶怡萱涵曦桐清";
    private const string Men = "伟强磊军勇杰涛刚东国庆轩宇豪远然博明超";

    [Fact]
    public void Genders_TwoThousandUsers_FollowTheirGivenNamesAndDisplayPhonesMaskTheirPhones()
    {
        var (agree, told, unknown, women, men) = (0, 0, 0, 0, 0);
        for (var i = 0; i < 2000; i++)
        {
            // Given a user of the world, asked in 8.3 (gender 0-未知 1-男 2-女 beside userName) and in 2.36 (phone, displayPhone)
            var userId = lists.World.UserId(i * 37);
            var profile = lists.Post(ListsWorld.UserProfile, new JsonObject { ["userId"] = userId })["data"]!;
            var user = lists.Post(ChatInfo, new JsonObject { ["userId"] = userId })["data"]!["user"]!;

            // Then the masked number is the phone's, a mainland mobile number
            var phone = user["phone"]!.GetValue<string>();
            phone.ShouldMatch("^1[3-9][0-9]{9}$");
            user["displayPhone"]!.GetValue<string>().ShouldBe(phone[..3] + "****" + phone[7..]);

            // And the gender is the one the given name tells, where the name tells one
            var name = profile["userName"]!.GetValue<string>();
            var gender = profile["gender"]!.GetValue<long>();
            (unknown, women, men) = (unknown + (gender == 0 ? 1 : 0), women + (gender == 2 ? 1 : 0), men + (gender == 1 ? 1 : 0));
            var last = name[^1];
            if (Women.Contains(last) || Men.Contains(last))
            {
                told++;
                agree += (gender == 2) == Women.Contains(last) && gender != 0 ? 1 : 0;
            }
        }

        told.ShouldBeGreaterThan(1000);
        ((double)agree / told).ShouldBeGreaterThanOrEqualTo(0.9);
        unknown.ShouldBeInRange(20, 200); // a few leave it unset, as the doc's 0-未知 allows
        women.ShouldBeGreaterThan(400);
        men.ShouldBeGreaterThan(400);
    }
}
