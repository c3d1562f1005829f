using System.Globalization;
using System.Text.RegularExpressions;
using OpMock.Core.Diagnostics;

namespace OpMock.Cli;

/// <summary>Reads durations as people type them on a command line: 5s, 500ms, 2m, or plain seconds.</summary>
internal static partial class Durations
{
    public static TimeSpan Parse(string option, string text)
    {
        if (Problem(text) is { } problem)
        {
            throw new OpMockException($"{option}: {problem}");
        }

        var match = Shape().Match(text.Trim());
        var value = double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);

        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "m" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    /// <summary>What is wrong with a duration as typed; null when it reads.</summary>
    public static string? Problem(string text)
    {
        var match = Shape().Match(text.Trim());
        return match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? null
            : $"expected a duration such as 5s or 500ms, found `{text}`";
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m)?$")]
    private static partial Regex Shape();
}
