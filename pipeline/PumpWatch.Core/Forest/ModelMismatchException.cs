namespace PumpWatch.Core.Forest;

/// <summary>A model artifact that cannot be used here: unknown schema, corrupt content, or features that do not match.</summary>
public sealed class ModelMismatchException : Exception
{
    public ModelMismatchException()
    {
    }

    public ModelMismatchException(string message)
        : base(message)
    {
    }

    public ModelMismatchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
