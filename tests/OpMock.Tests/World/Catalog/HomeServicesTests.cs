using OpMock.Core.World.Catalog;

namespace OpMock.Tests.World.Catalog;

public sealed class HomeServicesTests
{
    [Fact]
    public void All_EveryServiceAndItem_HasAPlausibleBand()
    {
        foreach (var service in HomeServices.All.Items)
        {
            // Then bands are yuan from tens to tens of thousands, low below high, items under their service's ceiling
            service.Low.ShouldBeGreaterThanOrEqualTo(30m);
            service.High.ShouldBeLessThanOrEqualTo(20_000m);
            service.Low.ShouldBeLessThan(service.High);
            service.Items.ShouldNotBeEmpty();
            service.Items.ShouldAllBe(i => i.Low < i.High && i.Low >= 30m && i.High <= service.High);
        }
    }

    [Fact]
    public void All_Names_AreDistinctAcrossServicesAndItems()
    {
        var names = HomeServices.All.Items.Select(s => s.Name).Concat(HomeServices.All.Items.SelectMany(s => s.Items).Select(i => i.Name)).ToList();

        names.Distinct().Count().ShouldBe(names.Count);
    }

    [Theory]
    [InlineData("空调清洗售后", "空调清洗")]
    [InlineData("我要预约日常保洁", "日常保洁")]
    [InlineData("Get帮你搞定一切", null)]
    [InlineData("", null)]
    public void Named_Text_FindsTheServiceItNames(string text, string? service) =>
        HomeServices.Named(text)?.Name.ShouldBe(service);

    [Fact]
    public void PickItem_ManyDraws_ItemsBelongToTheirServiceAndFollowTheShares()
    {
        var random = new Bogus.Randomizer(6);
        var picks = Enumerable.Range(0, 5000).Select(_ => HomeServices.PickItem(random)).ToList();

        picks.ShouldAllBe(p => p.Service.Items.Contains(p.Item));
        var cleaning = picks.Count(p => p.Service.Name == "日常保洁") / 5000.0;
        cleaning.ShouldBe(HomeServices.All.Share(HomeServices.All.Items.Single(s => s.Name == "日常保洁")), 0.03);
    }
}
