using OpMock.Core.Validation;
using OpMock.Core.Validation.Live;
using OpMock.Tests.Validation.Proxy;

namespace OpMock.Tests.Validation.Live;

/// <summary>Live mode reads a bounded amount of each response, whatever the server sends.</summary>
public sealed class LiveBoundsTests
{
    [Theory]
    [InlineData("huge", "body larger than 8 MiB: not checked")]
    [InlineData("endless", "body larger than 8 MiB: not checked")]
    [InlineData("bomb", "gzip body inflates past ")]
    public async Task CheckAsync_HostileBodies_AreSkippedWithWhyNotBuffered(string behaviour, string reason)
    {
        // Given a server answering every route with a 20 MiB body, an endless one, or a gzip bomb
        await using var upstream = new HostileUpstream();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var target = new LiveTarget(new Uri(upstream.Url), null, [new("case", behaviour)], TimeSpan.FromSeconds(30));

        // When it is validated live
        var report = await LiveChecks.CheckAsync(await Shipped.ContractAsync(), await Shipped.ValidatorAsync(), http, target);

        // Then nothing is checked and every request is skipped saying why: the run cannot pass
        report.Checked.ShouldBeEmpty();
        report.Skipped.ShouldNotBeEmpty();
        report.Skipped.ShouldAllBe(s => s.Reason.StartsWith(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_IntegersPast2To63_AreCheckedNotACrash()
    {
        // Given a server answering integers past 2^63
        await using var upstream = new HostileUpstream();
        using var http = new HttpClient();
        var target = new LiveTarget(new Uri(upstream.Url), null, [], TimeSpan.FromSeconds(30));

        // When it is validated live
        var report = await LiveChecks.CheckAsync(await Shipped.ContractAsync(), await Shipped.ValidatorAsync(), http, target);

        // Then every response is checked, none with "could not be checked"
        report.Checked.ShouldNotBeEmpty();
        report.Checked.SelectMany(c => c.Violations).ShouldNotContain(v => v.Message.Contains("could not be checked", StringComparison.Ordinal));
    }
}
