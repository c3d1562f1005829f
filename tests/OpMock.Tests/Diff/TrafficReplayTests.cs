using OpMock.Core.Diff;
using OpMock.Tests.Support;

namespace OpMock.Tests.Diff;

public sealed class TrafficReplayTests
{
    [Fact]
    public async Task ReplayAsync_HarFromTheBaseMock_ListsExactlyTheBrokenExchanges()
    {
        // Given traffic recorded from the base docs' mock, and the later docs
        using var temp = new TempFolder();
        var har = await Recordings.RecordAsync(temp);
        var (before, after) = (await DiffDocs.LoadAsync(DiffDocs.Before), await DiffDocs.LoadAsync(DiffDocs.After));
        var replay = await TrafficReplay.CreateAsync(before, after, ContractDiff.Compare(before, after));

        // When it is replayed
        var result = await replay.ReplayAsync([har]);

        // Then every exchange was replayed, and exactly the broken ones are listed
        result.Replayed.ShouldBe(5);
        result.Broken.Select(b => b.Index).Distinct().Order().ShouldBe(Recordings.Broken.Keys.Order());
        result.BrokenCount.ShouldBe(Recordings.Broken.Count);
        result.Broken.ShouldAllBe(b => b.File == har && b.Cause != null);
    }

    [Fact]
    public async Task ReplayAsync_BrokenExchange_NamesThePathAndTheChangeBehindIt()
    {
        // Given the same recording and docs
        using var temp = new TempFolder();
        var har = await Recordings.RecordAsync(temp);
        var (before, after) = (await DiffDocs.LoadAsync(DiffDocs.Before), await DiffDocs.LoadAsync(DiffDocs.After));
        var result = await (await TrafficReplay.CreateAsync(before, after, ContractDiff.Compare(before, after))).ReplayAsync([har]);

        // When the findings are read by entry
        string Of(int index, string where) => string.Join(", ", result.Broken.Where(b => b.Index == index && b.Where == where)
            .Select(b => $"{b.Path} ← {ChangeRules.Id(b.Cause!.Kind)}").Distinct().Order());

        // Then each says where the exchange breaks and which change is why
        Of(0, "request").ShouldBe("channel ← request-field-added-required");
        Of(0, "response").ShouldContain("← response-field-renamed");
        Of(1, "request").ShouldBe("pageSize ← request-constraint-narrowed");
        Of(3, "route").ShouldBe("$ ← route-removed");
        Of(4, "response").ShouldContain("← response-field-renamed");
        result.Broken.First(b => b.Index == 1).Method.ShouldBe("GET");
        result.Broken.First(b => b.Index == 1).Url.ShouldEndWith("pageSize=30");
    }

    [Fact]
    public async Task ReplayAsync_SameDocs_ListsNothing()
    {
        // Given the recording and the docs it was recorded from
        using var temp = new TempFolder();
        var har = await Recordings.RecordAsync(temp);
        var before = await DiffDocs.LoadAsync(DiffDocs.Before);

        // When replayed against the very same docs
        var result = await (await TrafficReplay.CreateAsync(before, before, [])).ReplayAsync([har]);

        // Then nothing is broken
        result.Replayed.ShouldBe(5);
        result.Broken.ShouldBeEmpty();
    }
}
