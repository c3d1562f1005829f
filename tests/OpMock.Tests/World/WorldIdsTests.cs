using OpMock.Core.World;

namespace OpMock.Tests.World;

public sealed class WorldIdsTests
{
    private static readonly WorldIds Ids = new(20160308);

    [Fact]
    public void Make_ThousandIds_HaveDistinctSuffixesAndRoundTrip()
    {
        // Given the first thousand user and OP ids, as a frontend sees them in lists
        var users = Enumerable.Range(0, 1000).Select(Ids.User).ToList();
        var ops = Enumerable.Range(0, 1000).Select(Ids.Op).ToList();

        // Then their last six hex digits are (nearly) all distinct: no shared suffix
        users.Select(id => id[^6..]).Distinct().Count().ShouldBeGreaterThanOrEqualTo(995);
        ops.Select(id => id[^6..]).Distinct().Count().ShouldBeGreaterThanOrEqualTo(995);
        users.Concat(ops).Select(id => id[^8..]).Distinct().Count().ShouldBeGreaterThanOrEqualTo(1990);

        // And each still decodes to its index, in the examples' shape
        for (var i = 0; i < 1000; i++)
        {
            users[i].ShouldMatch("^u0001[0-9a-f]{32}$");
            ops[i].ShouldMatch("^o0001[0-9a-f]{32}$");
            Ids.UserIndex(users[i]).ShouldBe(i);
            Ids.OpIndex(ops[i]).ShouldBe(i);
        }
    }

    [Fact]
    public void Mix_AnyValue_IsUndoneByUnmix()
    {
        var random = new Random(5);
        foreach (var x in Enumerable.Range(0, 10_000).Select(_ => (uint)random.NextInt64(0, 1L << 32)).Concat(new uint[] { 0, uint.MaxValue, int.MaxValue }))
        {
            WorldIds.Unmix(WorldIds.Mix(x, 0xDEADBEEF), 0xDEADBEEF).ShouldBe(x);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(99_999)]
    [InlineData(int.MaxValue)]
    public void Read_ForeignOrAlteredIds_AreNotThisWorlds(int index)
    {
        var id = Ids.User(index);
        Ids.UserIndex(id).ShouldBe(index);

        // Another seed's id, an OP id read as a user id, upper-case hex, one changed digit: none decode
        new WorldIds(7).UserIndex(id).ShouldBeNull();
        Ids.OpIndex(id.Replace("u0001", "o0001", StringComparison.Ordinal)).ShouldBeNull();
        Ids.UserIndex("u0001" + id[5..].ToUpperInvariant()).ShouldBe(id[5..].Any(char.IsLetter) ? null : index);
        Ids.UserIndex(id[..^1] + (id[^1] == '0' ? '1' : '0')).ShouldBeNull();
        Ids.UserIndex(id[..10] + (id[10] == '0' ? '1' : '0') + id[11..]).ShouldBeNull();
        Ids.UserIndex(id + "0").ShouldBeNull();
    }
}
