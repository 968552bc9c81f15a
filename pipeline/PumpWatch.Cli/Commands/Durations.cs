using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Commands;

/// <summary>
/// Durations on the command line: a number with a unit (<c>90s</c>, <c>15m</c>, <c>1.5h</c>, <c>2d</c>) or
/// <c>[d.]hh:mm:ss</c>. A bare number is refused: .NET reads <c>15</c> as fifteen days, and a user meant minutes.
/// </summary>
internal static class Durations
{
    public const string Help = DurationText.Help;

    public static bool TryParse(string text, out TimeSpan value) => DurationText.TryParse(text, out value);

    /// <summary>An option whose value is a duration by the rule above, with one clear error naming it.</summary>
    public static Option<TimeSpan> Option(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} (default {Format(defaultValue)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name),
    };

    /// <summary>An optional duration: null when not given.</summary>
    public static Option<TimeSpan?> OptionalOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name),
    };

    public static string Format(TimeSpan value) =>
        value.TotalSeconds < 60 && value.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)value.TotalSeconds}s"
        : value.TotalMinutes < 60 && value.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)value.TotalMinutes}m"
        : value.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)value.TotalHours}h"
        : value.ToString("c", CultureInfo.InvariantCulture);

    private static TimeSpan Parse(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var value) && value >= TimeSpan.Zero)
        {
            return value;
        }

        result.AddError($"{name} '{text}' is not {Help}");
        return default;
    }
}
