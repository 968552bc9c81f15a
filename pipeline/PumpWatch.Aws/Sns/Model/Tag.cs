namespace PumpWatch.Aws.Sns.Model;

/// <summary>A topic tag (Tag, sns-2010-03-31): key of 1-128 characters, value of 0-256.</summary>
public sealed record Tag(string Key, string Value);
