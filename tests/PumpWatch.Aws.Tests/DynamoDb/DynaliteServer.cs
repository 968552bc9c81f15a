using PumpWatch.Aws.Tests.LocalServers;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>dynalite (npm) on 127.0.0.1, in memory, tables ACTIVE at once (servers/dynalite.js).</summary>
public sealed class DynaliteServer() : NodeServer("dynalite", "dynalite.js");
