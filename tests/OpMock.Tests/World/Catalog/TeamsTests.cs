using OpMock.Core.World;
using OpMock.Core.World.Catalog;

namespace OpMock.Tests.World.Catalog;

public sealed class TeamsTests
{
    [Fact]
    public void Team_ManyDraws_AreTeamNamesNoPersonsName()
    {
        var random = new Bogus.Randomizer(1);
        var teams = Enumerable.Range(0, 3000).Select(_ => Teams.Team(random)).ToList();

        teams.ShouldAllBe(t => t.EndsWith('组'));
        teams.ShouldAllBe(t => !ChineseNames.IsFullName(t));
        teams.Distinct().Count().ShouldBeGreaterThan(60);
    }

    [Fact]
    public void ThingName_Noun_IsAQualifiedNounOrAService()
    {
        var random = new Bogus.Randomizer(2);

        Enumerable.Range(0, 500).Select(_ => Teams.ThingName(random, "门店")).ShouldAllBe(n => n.EndsWith("门店") && n.Length > 2);
        Enumerable.Range(0, 500).Select(_ => Teams.ThingName(random, "")).ShouldAllBe(n => HomeServices.Named(n) != null);
    }

    [Fact]
    public void Skill_ManyDraws_AreServicesOrDeskSkills()
    {
        var random = new Bogus.Randomizer(3);
        var skills = Teams.AllSkills().ToHashSet();

        Enumerable.Range(0, 1000).Select(_ => Teams.Skill(random)).ShouldAllBe(s => skills.Contains(s));
    }
}
