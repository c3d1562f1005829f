using OpMock.Core.Docs;

namespace OpMock.Tests.Docs;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("Channel", "Channel", 0)]
    [InlineData("Channle", "Channel", 1)]
    [InlineData("Shpo", "Shop", 1)]
    [InlineData("user", "User", 0)]
    [InlineData("Adress", "Address", 1)]
    [InlineData("abc", "xyz", 3)]
    [InlineData("", "abc", 3)]
    public void Between_TyposAndSwaps_CountAsOneEdit(string a, string b, int distance)
    {
        EditDistance.Between(a, b).ShouldBe(distance);
    }
}
