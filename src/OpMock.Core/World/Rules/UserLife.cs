namespace OpMock.Core.World.Rules;

/// <summary>
/// A user's life, the same in every doc: born an adult (18 to 70 years before now), registered before their current
/// chat (one day to three years before it), unless an example says when.
/// </summary>
internal static class UserLife
{
    public static DateTimeOffset Registered(WorldScope user)
    {
        if (ExampleTime(user, name => FieldWords.Stage(name) == 0) is { } shown)
        {
            return shown;
        }

        var before = TimeSpan.FromDays(1 + (Fraction(user, "registered") * 1094));
        // Whole seconds, as the servers write times.
        return DateTimeOffset.FromUnixTimeSeconds((user.CurrentChat.CreateTime - before).ToUnixTimeSeconds()).ToOffset(WorldOptions.ChinaOffset);
    }

    public static DateTimeOffset Born(WorldScope user)
    {
        if (ExampleTime(user, FieldWords.IsBirthday) is { } shown)
        {
            return shown;
        }

        var today = user.Options.Anchor.ToOffset(WorldOptions.ChinaOffset).Date;
        var days = (int)(Fraction(user, "born") * 52 * 365.25);
        return new DateTimeOffset(today.AddYears(-18).AddDays(-days), WorldOptions.ChinaOffset);
    }

    /// <summary>Whole years from a birthday to now.</summary>
    public static int Age(DateTimeOffset born, DateTimeOffset now)
    {
        var (birth, today) = (born.ToOffset(WorldOptions.ChinaOffset).Date, now.ToOffset(WorldOptions.ChinaOffset).Date);
        var age = today.Year - birth.Year;
        return birth > today.AddYears(-age) ? age - 1 : age;
    }

    /// <summary>A fraction in [0, 1) drawn for this user and what is drawn: the same wherever the user is shown.</summary>
    public static double Fraction(WorldScope scope, string what) =>
        (StableHash.Of(scope.Options.Seed, what, scope.Plan.Kind.ToString(), scope.Id) >> 11) / (double)(1UL << 53);

    /// <summary>A time an example shows for the user at its root (registerTime, birthday), whichever doc it is in.</summary>
    private static DateTimeOffset? ExampleTime(WorldScope user, Func<string, bool> named)
    {
        if (user.OwnFacts is not { } facts)
        {
            return null;
        }

        foreach (var (key, value) in facts)
        {
            if (key.StartsWith('~') && !key.Contains('.', StringComparison.Ordinal) && named(key[1..]) && TimeValues.Read(value) is { } time)
            {
                return time;
            }
        }

        return null;
    }
}
