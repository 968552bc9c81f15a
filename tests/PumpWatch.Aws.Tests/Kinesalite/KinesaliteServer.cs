using PumpWatch.Aws.Tests.LocalServers;

namespace PumpWatch.Aws.Tests.Kinesalite;

/// <summary>kinesalite (npm) on 127.0.0.1, in memory, streams ACTIVE at once (servers/kinesalite.js).</summary>
public sealed class KinesaliteServer() : NodeServer("kinesalite", "kinesalite.js");
