using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace PumpWatch.Cli;

/// <summary>
/// <c>--config site.json</c>: a site's settings written once (time column and format, pump column, sensor mapping with
/// units and ranges, window...) as a JSON object whose keys are the verb's option names without dashes
/// (<c>"time_column": "ts"</c> or <c>"time-column"</c>). Each key becomes its flag unless the command line gives that
/// flag itself: the command line overrides the file. A key the verb does not have is an error naming the file and key.
/// </summary>
internal static class SiteConfig
{
    public const string OptionName = "--config";

    /// <summary>The option every verb accepts.</summary>
    public static Option<string?> Option { get; } = new(OptionName)
    {
        Description = "JSON file of option values for a site (keys are option names, e.g. \"time_column\": \"ts\"); flags given on the command line win",
        Recursive = true,
    };

    /// <summary>The arguments with the file's values added for every option the command line does not give.</summary>
    public static string[] Merge(ParseResult parse, string[] args, string path)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserError($"{OptionName} needs a file name");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot read config: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: not a JSON object of option values: {e.Message.ReplaceLineEndings(" ")}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new UserError($"{path}: not a JSON object of option values");
        }

        var merged = args.ToList();
        foreach (var property in root.EnumerateObject())
        {
            var flag = "--" + property.Name.Replace('_', '-');
            var option = command.Options.FirstOrDefault(o => o.Name == flag || o.Aliases.Contains(flag));
            if (option is null || flag == OptionName)
            {
                var known = command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != OptionName && o.Name != "--help")
                    .Select(o => o.Name[2..].Replace('-', '_'));
                throw new UserError($"{path}: '{property.Name}' is not an option of '{command.Name}' (known: {string.Join(", ", known)})");
            }

            // Given on the command line, under its name or an alias (-o for --out): the command line wins.
            if (parse.GetResult(option) is { Implicit: false })
            {
                continue;
            }

            foreach (var value in Values(property.Value, path, property.Name))
            {
                if (value is null)
                {
                    merged.Add(option.Name);
                }
                else
                {
                    merged.Add(option.Name);
                    merged.Add(value);
                }
            }
        }

        return merged.ToArray();
    }

    /// <summary>The tokens for one value: a flag alone for true, nothing for false, one per item for an array.</summary>
    private static IEnumerable<string?> Values(JsonElement value, string path, string key) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Number => [value.GetRawText()],
        JsonValueKind.True => [null],
        JsonValueKind.False => [],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(item => item.ValueKind == JsonValueKind.Array
            ? throw new UserError($"{path}: '{key}' holds an array inside an array")
            : Values(item, path, key)),
        _ => throw new UserError(string.Create(CultureInfo.InvariantCulture, $"{path}: '{key}' must be a string, number, true/false or an array of those")),
    };
}
