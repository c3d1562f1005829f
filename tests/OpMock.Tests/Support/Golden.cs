namespace OpMock.Tests.Support;

/// <summary>
/// Golden files for generated output (Verify is not available here). A mismatch fails with the path;
/// run the tests once with OPMOCK_UPDATE_GOLDEN=1 to rewrite the golden files, then review the diff.
/// </summary>
internal static class Golden
{
    public const string UpdateSwitch = "OPMOCK_UPDATE_GOLDEN";

    public static void Match(string name, string actual)
    {
        var path = Repo.Golden(name);
        if (Environment.GetEnvironmentVariable(UpdateSwitch) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).ShouldBeTrue($"golden file {path} is missing; run the tests with {UpdateSwitch}=1 to create it");
        actual.ShouldBe(File.ReadAllText(path), $"output differs from {path}; if the change is intended, rerun with {UpdateSwitch}=1 and review the diff");
    }
}
