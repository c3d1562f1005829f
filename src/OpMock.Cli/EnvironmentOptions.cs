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

    /// <summary>
    /// A text option whose value must pass <paramref name="problem"/> (null: fine; else what is wrong),
    /// wherever it came from: a bad command-line value names the option, a bad variable names the variable
    /// (OPMOCK_TIMEOUT=abc), and both are usage errors (2) before the command runs.
    /// </summary>
    public static Option<T> Check<T>(this Option<T> option, Func<string, string?> problem, Func<string, string?>? environment = null)
    {
        var variable = VariableFor(option.Name);
        var read = environment ?? Environment.GetEnvironmentVariable;
        option.Validators.Add(result =>
        {
            // A value from the environment is reported by the default factory below, naming the variable;
            // only a value typed on the command line is reported here.
            if (!result.Implicit && result.GetValueOrDefault<T>() is string text && problem(text) is { } wrong)
            {
                result.AddError($"{option.Name}: {wrong}");
            }
        });
        var inner = option.DefaultValueFactory!;
        option.DefaultValueFactory = result =>
        {
            var value = inner(result);
            if (read(variable) is { Length: > 0 } text && value is string given && problem(given) is { } wrong)
            {
                result.AddError($"environment variable {variable}=\"{text}\": {wrong}");
            }

            return value;
        };
        return option;
    }

    /// <summary>An option with a fixed set of values, from the command line or its variable (OPMOCK_FORMAT=xml is an error, not ignored).</summary>
    /// <param name="environment">Reads a variable, as for <see cref="Create{T}"/>; tests pass their own.</param>
    public static Option<string> OneOf(this Option<string> option, IReadOnlyList<string> values, Func<string, string?>? environment = null)
    {
        option.AcceptOnlyFromAmong([.. values]);
        return option.Check(value => values.Contains(value, StringComparer.Ordinal) ? null : $"expected one of {string.Join(", ", values)}", environment);
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
