using System.CommandLine;
using System.CommandLine.Parsing;
using System.ComponentModel;
using System.Globalization;

namespace OpMock.Cli;

/// <summary>
/// Every option can also come from the environment, as containers expect: --docs from OPMOCK_DOCS, --app-port
/// from OPMOCK_APP_PORT. The command line wins over the variable, which wins over the built-in default.
/// An empty variable counts as unset. A value that does not parse is a usage error naming the variable.
/// </summary>
internal static class EnvironmentOptions
{
    public const string Prefix = "OPMOCK_";

    /// <summary>--app-port → OPMOCK_APP_PORT.</summary>
    public static string VariableFor(string optionName) =>
        Prefix + optionName.TrimStart('-').Replace('-', '_').ToUpperInvariant();

    /// <param name="fallback">The default when the variable is unset; null for options that default to nothing.</param>
    /// <param name="environment">Reads a variable; tests pass their own so they never touch the process's environment.</param>
    public static Option<T> Create<T>(string name, string description, Func<T> fallback, Func<string, string?>? environment = null)
    {
        var variable = VariableFor(name);
        var read = environment ?? Environment.GetEnvironmentVariable;
        return new Option<T>(name)
        {
            Description = $"{description} [env: {variable}]",
            DefaultValueFactory = result => read(variable) is { Length: > 0 } text ? Parse(text, variable, result, fallback) : fallback(),
        };
    }

    private static T Parse<T>(string text, string variable, ArgumentResult result, Func<T> fallback)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            // Several paths in one variable, as PATH lists them: OPMOCK_HAR=a.har:b.har.
            if (type == typeof(string[]))
            {
                return (T)(object)text.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }

            // Flags read as containers write them: OPMOCK_STRICT=1 as well as =true.
            if (type == typeof(bool))
            {
                return (T)(object)(text.Trim().ToLowerInvariant() switch
                {
                    "1" or "true" or "yes" or "on" => true,
                    "0" or "false" or "no" or "off" => false,
                    _ => throw new FormatException(),
                });
            }

            return (T)TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, text.Trim())!;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException || e.InnerException is FormatException or OverflowException)
        {
            result.AddError($"environment variable {variable}=\"{text}\" is not a valid {Describe(type)}");
            return fallback();
        }
    }

    private static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "whole number"
        : type == typeof(bool) ? "flag (1/0, true/false)"
        : type.Name;
}
