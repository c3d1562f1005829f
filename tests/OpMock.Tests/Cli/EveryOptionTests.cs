using System.Text.RegularExpressions;

namespace OpMock.Tests.Cli;

/// <summary>Containers configure through the environment: every option of every command has its OPMOCK_* variable.</summary>
public sealed partial class EveryOptionTests
{
    [Fact]
    public async Task Help_EveryOptionOfEveryCommand_NamesItsEnvironmentVariable()
    {
        // Given every command `opmock --help` lists
        var commands = Section((await Support.Cli.RunAsync("--help")).Out, "Commands:").Select(e => e.Split(' ')[0]).ToList();
        commands.ShouldNotBeEmpty();

        // When each command's help is read
        var missing = new List<string>();
        foreach (var command in commands)
        {
            var options = Section((await Support.Cli.RunAsync(command, "--help")).Out, "Options:");
            foreach (var option in options.Where(o => !o.StartsWith("-?", StringComparison.Ordinal)))
            {
                var name = OptionName().Match(option).Value;
                if (!option.Contains($"[env: OPMOCK_{name.TrimStart('-').Replace('-', '_').ToUpperInvariant()}]", StringComparison.Ordinal))
                {
                    missing.Add($"opmock {command} {name}");
                }
            }
        }

        // Then each option says its variable (made with EnvironmentOptions.Create, which reads it)
        missing.ShouldBeEmpty("options without an OPMOCK_* variable; create them with EnvironmentOptions.Create");
    }

    /// <summary>The entries of a help section ("Options:"), each with its wrapped lines joined.</summary>
    private static List<string> Section(string help, string heading)
    {
        var entries = new List<string>();
        var inside = false;
        foreach (var line in help.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line == heading)
            {
                inside = true;
            }
            else if (inside && line.Trim().Length == 0)
            {
                break;
            }
            else if (inside && line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal))
            {
                entries.Add(line.Trim());
            }
            else if (inside && entries.Count > 0)
            {
                entries[^1] += " " + line.Trim();
            }
        }

        return entries;
    }

    [GeneratedRegex("--[a-z0-9-]+")]
    private static partial Regex OptionName();
}
