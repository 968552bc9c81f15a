namespace PumpWatch.Core.Storage;

/// <summary>
/// A store with both sides in one place (the embedded DuckDB file, the in-memory store). Its behaviour is pinned by
/// the contract tests in tests/PumpWatch.Testing (ResultStoreContract); a host that writes to one service and reads
/// from another (Timestream) uses the two sides apart.
/// </summary>
public interface IResultStore : IResultWriter, IResultReader, IDisposable;
