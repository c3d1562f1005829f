namespace OpMock.Cli;

/// <summary>Where a command writes: the real console, or string writers in tests.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error);
