namespace PumpWatch.Core.Storage;

/// <summary>A model store cannot give the model asked for: no latest pointer, a missing or damaged object, or the store unreachable. The message is one line naming the object.</summary>
public sealed class ModelStoreException : Exception
{
    public ModelStoreException()
    {
    }

    public ModelStoreException(string message)
        : base(message)
    {
    }

    public ModelStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
