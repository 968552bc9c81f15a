using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using PumpWatch.Aws.Configuration;

namespace PumpWatch.Aws.Http;

/// <summary>
/// One AWS query-protocol call (Smithy <c>aws.protocols#awsQuery</c>): the caller writes the members into a
/// <see cref="QueryForm"/> that starts with Action and Version; <see cref="AwsCallInvoker"/> signs, sends, retries and
/// logs; the answer <c>&lt;{Operation}Response&gt;&lt;{Operation}Result&gt;...</c> is handed to the caller's reader.
/// </summary>
internal sealed class AwsQueryClient
{
    private readonly AwsCallInvoker _invoker;
    private readonly AwsQueryServiceDescription _service;

    public AwsQueryClient(HttpClient http, AwsClientOptions options, AwsQueryServiceDescription service, AwsRetryPolicy retry, TimeProvider time, ILogger logger)
    {
        _service = service;
        _invoker = new AwsCallInvoker(http, options, service, retry, time, logger);
    }

    /// <param name="operation">The operation's name in the model, e.g. <c>Publish</c>.</param>
    /// <param name="writeMembers">Adds the input's members in the model's member order.</param>
    /// <param name="readResult">
    /// Reads the <c>{Operation}Result</c> element (null when the answer has none, as for operations without output);
    /// throws <see cref="XmlException"/> for a result it cannot read.
    /// </param>
    /// <param name="cancellationToken">Stops the call, retries and waits included.</param>
    public Task<TResponse> InvokeAsync<TResponse>(string operation, Action<QueryForm> writeMembers, Func<XElement?, TResponse> readResult, CancellationToken cancellationToken)
    {
        var form = new QueryForm(operation, _service.ApiVersion);
        writeMembers(form);
        var expectedRoot = operation + "Response";
        return _invoker.InvokeAsync(operation, form.ToBytes(), payload =>
        {
            var root = QueryXml.Load(payload);
            if (root.Name.LocalName != expectedRoot)
            {
                throw new XmlException($"the root element is <{root.Name.LocalName}>, not <{expectedRoot}>");
            }

            return readResult(QueryXml.Child(root, operation + "Result"));
        }, cancellationToken);
    }
}
