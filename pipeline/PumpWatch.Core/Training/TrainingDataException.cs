namespace PumpWatch.Core.Training;

/// <summary>The data given for training cannot make a model (too few windows); the message says what to change.</summary>
public sealed class TrainingDataException : Exception
{
    public TrainingDataException()
    {
    }

    public TrainingDataException(string message)
        : base(message)
    {
    }

    public TrainingDataException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
