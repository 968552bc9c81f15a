using System.Globalization;
using Amazon.Runtime;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Timestream.Discovery;
using PumpWatch.Aws.Timestream.Query;
using PumpWatch.Aws.Timestream.Store;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Storage;

namespace PumpWatch.Cli.Input;

/// <summary>
/// Readings from Timestream as a <c>train</c> or <c>backtest</c> input: <c>timestream://DATABASE/TABLE[?site=SITE]</c>, the
/// table holding the store's reading records (<see cref="TimestreamSchema"/>; site default <c>default</c>, as the writer's),
/// read through <see cref="TimestreamResultReader"/> (Query, followed page by page) for a time range the verb gives.
/// Region, endpoint, discovery and credentials come from <see cref="TimestreamEnvironment"/> and <c>--aws-endpoint</c>, as
/// for the other AWS paths. Every failure is a <see cref="UserError"/> naming the URL.
/// </summary>
internal sealed class TimestreamInput : IDisposable
{
    public const string Scheme = "timestream://";
    public const string Form = "timestream://DATABASE/TABLE[?site=SITE]";

    // Database and table names are 3 to 256 characters (ResourceName, timestream-write and -query 2018-11-01).
    private const int MinName = 3;
    private const int MaxName = 256;

    private readonly HttpClient _http;
    private readonly TimestreamQueryClient _client;
    private readonly TimestreamResultReader _reader;

    private TimestreamInput(string url, TimestreamStoreOptions store, HttpClient http, TimestreamQueryClient client)
    {
        Url = url;
        Store = store;
        _http = http;
        _client = client;
        _reader = new TimestreamResultReader(client, store, []);
    }

    /// <summary>The URL as the user gave it.</summary>
    public string Url { get; }

    /// <summary>Database, readings table and site read.</summary>
    public TimestreamStoreOptions Store { get; }

    public static bool IsUrl(string? text) => text is not null && text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Database, table and site of a URL; a <see cref="UserError"/> naming what is wrong otherwise.</summary>
    public static TimestreamStoreOptions Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var rest = url[Scheme.Length..];
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rest : rest[..question];
        var parts = path.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
        {
            throw new UserError($"{url}: not {Form}");
        }

        var (database, table) = (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]));
        foreach (var (what, name) in new[] { ("database", database), ("table", table) })
        {
            if (name.Length is < MinName or > MaxName)
            {
                throw new UserError($"{url}: the {what} name '{name}' must be {MinName} to {MaxName} characters");
            }
        }

        var site = "default";
        var settings = question < 0 ? [] : rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries);
        foreach (var pair in settings)
        {
            var setting = pair.Split('=', 2);
            var value = setting.Length == 2 ? Uri.UnescapeDataString(setting[1]) : "";
            if (setting[0] != "site" || value.Length == 0)
            {
                throw new UserError($"{url}: '{pair}' is not site=NAME, the one setting a {Scheme} URL takes");
            }

            site = value;
        }

        return new TimestreamStoreOptions(database) { ReadingsTable = table, Site = site };
    }

    /// <summary>Checks the URL and the AWS settings and makes the client; nothing is sent until the readings are read.</summary>
    /// <param name="url">The input as given.</param>
    /// <param name="endpointFlag">The verb's <c>--aws-endpoint</c>, which wins over the environment.</param>
    /// <param name="environment">Region, endpoint, discovery and credentials from the environment.</param>
    public static TimestreamInput Open(string url, string? endpointFlag, TimestreamEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var store = Parse(url);
        var (endpointText, source) = endpointFlag is not null ? (endpointFlag, "--aws-endpoint") : (environment.QueryEndpoint, "AWS_ENDPOINT_URL_TIMESTREAM_QUERY / AWS_ENDPOINT_URL");
        Uri? endpoint = null;
        if (endpointText is not null && !(Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
        {
            throw new UserError($"{source} '{endpointText}' is not an http or https URL");
        }

        var discovery = environment.EndpointDiscovery?.Trim().ToLowerInvariant() switch
        {
            null or "" => TimestreamEndpointDiscovery.Auto,
            "true" => TimestreamEndpointDiscovery.Enabled,
            "false" => TimestreamEndpointDiscovery.Disabled,
            var other => throw new UserError($"AWS_ENABLE_ENDPOINT_DISCOVERY '{other}' must be true or false"),
        };
        if (discovery == TimestreamEndpointDiscovery.Disabled && endpoint is null)
        {
            throw new UserError($"{url}: AWS_ENABLE_ENDPOINT_DISCOVERY=false needs an endpoint ({source} or --aws-endpoint): Timestream's regional endpoint only tells where to send queries");
        }

        if (environment.AwsRegion is not { } region)
        {
            throw new UserError($"{url}: no AWS region: set AWS_REGION");
        }

        AWSCredentials credentials;
        try
        {
            credentials = environment.AwsCredentials();
        }
        catch (AmazonClientException e)
        {
            throw new UserError($"{url}: no AWS credentials found (environment, profile, SSO, container or instance role): {e.Message.ReplaceLineEndings(" ")}", e);
        }

        var options = new AwsClientOptions(region, credentials) { ServiceUrl = endpoint };
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new TimestreamQueryClient(http, options, new AwsRetryPolicy(options, environment.Jitter, timeProvider: environment.Time), environment.Time, discovery: discovery);
        return new TimestreamInput(url, store, http, client);
    }

    /// <summary>
    /// The readings of <paramref name="query"/>'s range and pumps in time then pump order, as input records. A failed
    /// query, or a range without readings, is a <see cref="UserError"/> naming the URL.
    /// </summary>
    public IEnumerable<InputRecord> Read(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var readings = Guarded(() => _reader.Readings(query).GetEnumerator());
        var count = 0L;
        while (Guarded(readings.MoveNext))
        {
            count++;
            yield return new InputRecord(default, readings.Current, null, count);
        }

        if (count == 0)
        {
            var range = string.Create(CultureInfo.InvariantCulture, $"{Describe(query.From)} to {Describe(query.To)}");
            throw new UserError($"{Url}: no readings of site '{Store.Site}' in {Store.DatabaseName}.{Store.ReadingsTable} from {range}");
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    private static string Describe(long? micros) => micros is { } t ? EventTime.Format(t) : "any time";

    private T Guarded<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (AwsServiceException e)
        {
            throw new UserError($"{Url}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        catch (FormatException e)
        {
            // The reader's word for a row it cannot map (no time column): the table is not a PumpWatch readings table.
            throw new UserError($"{Url}: {e.Message}", e);
        }
    }
}
