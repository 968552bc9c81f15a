namespace PumpWatch.Core.Storage;

/// <summary>A shard-state store cannot answer or cannot take a state: missing table, refused calls, a damaged stored item, a state too large to store. The message is one line naming the store.</summary>
public sealed class ShardStateStoreException : Exception
{
    public ShardStateStoreException()
    {
    }

    public ShardStateStoreException(string message)
        : base(message)
    {
    }

    public ShardStateStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
