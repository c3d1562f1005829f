using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

// In OpMock.Tests (not .Support) on purpose: extension lookup searches the enclosing namespaces before the global
// `using Shouldly`, so every test's `ShouldAllBe(x => …)`, `ShouldContain(x => …)` and `ShouldNotContain(x => …)`
// binds here, to a delegate, with no change at the call sites.
namespace OpMock.Tests;

/// <summary>
/// Shouldly's predicate assertions take an <c>Expression</c> and compile it on every call (milliseconds each, a
/// Reflection.Emit delegate): in the property tests' loops over thousands of entities that compiling was most of the
/// suite's time (one 2,000-user test spent ~2 min of CPU in <c>LambdaCompiler</c>). These check the same predicate as
/// a compiled lambda and fail with the same kind of message: the predicate's source text and the offending items.
/// </summary>
internal static class PredicateAssertions
{
    public static void ShouldAllBe<T>(this IEnumerable<T> actual, Func<T, bool> predicate, string? customMessage = null,
        [CallerArgumentExpression(nameof(actual))] string actualText = "", [CallerArgumentExpression(nameof(predicate))] string predicateText = "")
    {
        var items = actual.ToList();
        var failing = items.Where(item => !predicate(item)).ToList();
        if (failing.Count > 0)
        {
            Fail($"{actualText}\n    should satisfy the condition\n{predicateText}\n    but\n{Show(failing)}\n    do not", customMessage);
        }
    }

    public static void ShouldContain<T>(this IEnumerable<T> actual, Func<T, bool> predicate, string? customMessage = null,
        [CallerArgumentExpression(nameof(actual))] string actualText = "", [CallerArgumentExpression(nameof(predicate))] string predicateText = "")
    {
        var items = actual.ToList();
        if (!items.Any(predicate))
        {
            Fail($"{actualText}\n    should contain an element satisfying the condition\n{predicateText}\n    but does not; it is\n{Show(items)}", customMessage);
        }
    }

    public static void ShouldNotContain<T>(this IEnumerable<T> actual, Func<T, bool> predicate, string? customMessage = null,
        [CallerArgumentExpression(nameof(actual))] string actualText = "", [CallerArgumentExpression(nameof(predicate))] string predicateText = "")
    {
        var found = actual.Where(predicate).ToList();
        if (found.Count > 0)
        {
            Fail($"{actualText}\n    should not contain an element satisfying the condition\n{predicateText}\n    but does\n{Show(found)}", customMessage);
        }
    }

    private static string Show<T>(IReadOnlyCollection<T> items) =>
        "[" + string.Join(", ", items.Take(20).Select(item => item switch
        {
            null => "null",
            JsonNode node => node.ToJsonString(),
            string text => $"\"{text}\"",
            _ => item.ToString(),
        })) + (items.Count > 20 ? $", … ({items.Count} in all)" : "") + "]";

    private static void Fail(string message, string? customMessage) =>
        throw new ShouldAssertException(customMessage is null ? message : $"{message}\n\nAdditional Info:\n    {customMessage}");
}
