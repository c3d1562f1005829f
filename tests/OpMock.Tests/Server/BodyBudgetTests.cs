using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class BodyBudgetTests
{
    [Theory]
    [InlineData(100, 60, 40, true)]
    [InlineData(100, 60, 41, false)]
    [InlineData(100, 0, 100, true)]
    [InlineData(100, 0, 101, false)]
    public void TryTake_AfterAnother_TakenOnlyWithinTheLimit(long limit, long first, long second, bool taken)
    {
        // Given a budget that already holds a first share
        var budget = new BodyBudget(limit);
        budget.TryTake(first).ShouldBeTrue();

        // When a second share is asked for, then it is taken only within the limit, and a refusal takes nothing
        budget.TryTake(second).ShouldBe(taken);
        budget.Held.ShouldBe(first + (taken ? second : 0));
    }

    [Fact]
    public async Task TryTakeAndGive_ManyAtOnce_NeverPastTheLimitAndNothingLeftAfter()
    {
        // Given a budget of 64 KiB and 8 readers taking and giving back 16 KiB shares at once
        var budget = new BodyBudget(64 * 1024);
        var over = 0;

        // When each takes and gives 5000 times
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++)
            {
                if (budget.TryTake(16 * 1024))
                {
                    if (budget.Held > budget.Limit)
                    {
                        Interlocked.Increment(ref over);
                    }

                    budget.Give(16 * 1024);
                }
            }
        })));

        // Then no reader ever saw more held than the limit, and everything was given back
        over.ShouldBe(0);
        budget.Held.ShouldBe(0);
    }
}
