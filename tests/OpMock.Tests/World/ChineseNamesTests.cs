using OpMock.Core.World;

namespace OpMock.Tests.World;

/// <summary>A name a nickname could come from: the nickname rules read backwards, over many draws.</summary>
public sealed class ChineseNamesTests
{
    [Theory]
    [InlineData("阿洋", "洋$")]
    [InlineData("小燕", "燕$")]
    [InlineData("洋洋", "洋$")]
    [InlineData("思远", "思远$")]
    [InlineData("小王", "^王")]
    [InlineData("老李", "^李")]
    [InlineData("王思远", "^王思远$")]
    public void NameFor_Nickname_IsAFullNameItComesFrom(string nickname, string pattern)
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var name = ChineseNames.NameFor(new Bogus.Randomizer(seed), nickname);

            name.ShouldNotBeNull();
            name.ShouldMatch(pattern);
            ChineseNames.Split(name).ShouldNotBeNull(name);
        }
    }

    [Theory]
    [InlineData("Tom")]
    [InlineData("小可爱呀")]
    [InlineData("老虎")]
    [InlineData("A")]
    [InlineData("123")]
    public void NameFor_NicknameNoNameMakes_IsNull(string nickname) =>
        ChineseNames.NameFor(new Bogus.Randomizer(1), nickname).ShouldBeNull();

    [Fact]
    public void NameFor_GeneratedNicknames_AlwaysFitTheirOwnName()
    {
        var random = new Bogus.Randomizer(7);
        for (var i = 0; i < 2000; i++)
        {
            // Given a nickname made from a name, and a name made back from it
            var (family, given) = ChineseNames.Person(random);
            var nickname = ChineseNames.Nickname(random, family, given);
            var name = ChineseNames.NameFor(random, nickname);

            // Then that name makes the nickname's shape again: its family name, or its given name's last character
            name.ShouldNotBeNull(nickname);
            var parts = ChineseNames.Split(name)!.Value;
            (nickname.EndsWith(parts.Given[^1]) || nickname.EndsWith(parts.Family) || nickname == parts.Given).ShouldBeTrue($"{nickname} → {name}");
        }
    }

    [Theory]
    [InlineData("梁海燕", true)]
    [InlineData("袁娟", true)]
    [InlineData("林晨曦", true)]
    [InlineData("熊志强", false)]
    [InlineData("张涛", false)]
    [InlineData("欧阳建华", false)] // 华 says nothing, 建 a man's
    [InlineData("王女士", true)]
    [InlineData("李先生", false)]
    [InlineData("赵一诺", null)] // no character tells
    public void IsFemale_Name_ReadsTheGivenNameFromItsLastCharacter(string name, bool? female) =>
        ChineseNames.IsFemale(name).ShouldBe(female);
}
