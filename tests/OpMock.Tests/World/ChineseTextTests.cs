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

    [GeneratedRegex(@"^(Get)?[\p{IsCJKUnifiedIdeographs}，。？！]+$")]
    private static partial Regex Chinese();

    /// <summary>A title is a service followed by one of the intents.</summary>
    [GeneratedRegex("^(.+?)(预约|咨询|改约|订单|售后|投诉|退款|发票)$")]
    private static partial Regex Intents();
}
