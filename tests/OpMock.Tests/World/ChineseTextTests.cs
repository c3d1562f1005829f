using System.Text.RegularExpressions;
using OpMock.Core.World;

namespace OpMock.Tests.World;

public sealed partial class ChineseTextTests
{
    [Fact]
    public void AllTexts_EveryComposition_IsFilledChineseText()
    {
        // When every template is composed with every service and time and the longest details
        var texts = ChineseText.AllTexts().ToList();

        // Then each is Chinese with every slot filled, and the small corpus gives thousands of texts
        texts.ShouldAllBe(t => Chinese().IsMatch(t));
        texts.Distinct().Count().ShouldBeGreaterThan(2000);
        texts.Max(t => t.Length).ShouldBeLessThan(64);
    }

    [Fact]
    public void Topic_ManyChats_TitleAndMessageSpeakOfTheSameService()
    {
        var random = new Bogus.Randomizer(3);
        var services = ChineseText.Services.ToList();
        var agreeing = 0;
        var both = 0;
        for (var i = 0; i < 2000; i++)
        {
            var topic = ChineseText.Topic(random);
            var title = Intents().Match(topic.Title);
            var named = services.Where(s => topic.Message.Contains(s, StringComparison.Ordinal)).ToList();
            if (!title.Success || named.Count == 0)
            {
                continue;
            }

            // Then a message that names a service names the title's
            both++;
            agreeing += named.SequenceEqual([title.Groups[1].Value]) ? 1 : 0;
        }

        both.ShouldBeGreaterThan(200);
        agreeing.ShouldBe(both);
    }

    [Fact]
    public void Turn_ThirtyChatsOfFiveTurns_AlmostNeverRepeat()
    {
        // Given 30 chats' topics, When five turns of each are written (user, OP, user, OP, user)
        var random = new Bogus.Randomizer(8);
        var texts = Enumerable.Range(0, 30).SelectMany(_ =>
        {
            var topic = ChineseText.Topic(random).Title;
            return Enumerable.Range(0, 5).Select(turn => ChineseText.Turn(random, topic, turn, fromUser: turn % 2 == 0)).ToList();
        }).ToList();

        // Then the 150 messages hold at least 145 distinct texts, each Chinese
        texts.Distinct().Count().ShouldBeGreaterThanOrEqualTo(145);
        texts.ShouldAllBe(t => Chinese().IsMatch(t));
    }

    [Fact]
    public void Turn_AThousandMessagesOfLongConversations_HoldNineHundredDistinctTexts()
    {
        var random = new Bogus.Randomizer(21);
        var texts = new List<string>();
        for (var chat = 0; chat < 50; chat++)
        {
            var topic = ChineseText.Topic(random).Title;
            for (var turn = 0; turn < 20; turn++)
            {
                texts.Add(ChineseText.Turn(random, topic, turn, fromUser: turn % 2 == 0));
            }
        }

        texts.Distinct().Count().ShouldBeGreaterThanOrEqualTo(900);
    }

    [Theory]
    [InlineData("空调清洗售后")]
    [InlineData("管道疏通预约")]
    [InlineData("月嫂")]
    public void Turn_ChatsTopic_NamesNoOtherService(string topic)
    {
        var random = new Bogus.Randomizer(3);
        var services = ChineseText.Services.ToList();
        var own = services.Where(s => topic.Contains(s, StringComparison.Ordinal)).MaxBy(s => s.Length)!;
        for (var i = 0; i < 2000; i++)
        {
            var text = ChineseText.Turn(random, topic, i % 12, fromUser: i % 2 == 0);

            // Then a message that names a service names the chat's
            services.Where(s => s != own && !own.Contains(s, StringComparison.Ordinal) && text.Contains(s, StringComparison.Ordinal)).ShouldBeEmpty(text);
        }
    }

    [Fact]
    public void Turn_SameDrawsTopicAndTurn_SameText()
    {
        ChineseText.Turn(new Bogus.Randomizer(5), "擦玻璃咨询", 3, true).ShouldBe(ChineseText.Turn(new Bogus.Randomizer(5), "擦玻璃咨询", 3, true));
    }

    [Fact]
    public void Turn_ConversationStages_OpenSettleAndClose()
    {
        var random = new Bogus.Randomizer(13);
        var closings = Enumerable.Range(0, 300).Select(_ => ChineseText.Turn(random, "家电维修预约", 15, fromUser: true)).ToList();
        var openings = Enumerable.Range(0, 300).Select(_ => ChineseText.Turn(random, "家电维修预约", 0, fromUser: true)).ToList();

        // Then the first turns ask for the booking, the last ones thank and agree and seldom ask anything
        openings.Count(t => t.Contains('约')).ShouldBeGreaterThan(200);
        closings.Count(t => t.Contains("谢谢") || t.Contains("好的") || t.Contains("辛苦") || t.Contains("麻烦") || t.Contains("等")).ShouldBeGreaterThan(150);
        closings.Count(t => t.Contains('？')).ShouldBeLessThan(60);
    }

    [GeneratedRegex(@"^(Get)?[\p{IsCJKUnifiedIdeographs}，。？！]+$")]
    private static partial Regex Chinese();

    /// <summary>A title is a service followed by one of the intents.</summary>
    [GeneratedRegex("^(.+?)(预约|咨询|改约|订单|售后|投诉|退款|发票)$")]
    private static partial Regex Intents();
}
