namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Input of DescribeTable: database and table name, both required.</summary>
public sealed record DescribeTableRequest(string DatabaseName, string TableName);
