namespace OpMock.Tests.Support;

/// <summary>Fixtures the tests own (see TestFixtures/README.md), so the shipped fixtures/ can change freely.</summary>
internal static class TestFixtures
{
    /// <summary>The shipped fixtures as frozen for the tests: the seed, world sizes and scenarios tests assert on.</summary>
    public static string Base => Path.Combine(Repo.Root, "tests", "OpMock.Tests", "TestFixtures", "base");
}
