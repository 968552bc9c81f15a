namespace PumpWatch.Aws.S3;

/// <summary>Where the S3 model store keeps models: a bucket and a key prefix below which the store's layout starts.</summary>
/// <param name="Bucket">The bucket (S3 naming rules: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit).</param>
/// <param name="Prefix">Key prefix, e.g. <c>pumpwatch/</c>; empty for the bucket's root. A missing trailing slash is added.</param>
public sealed record S3ModelStoreOptions(string Bucket, string Prefix = "")
{
    // "Bucket naming rules", Amazon S3 User Guide: general purpose buckets.
    private const int MinBucketLength = 3;
    private const int MaxBucketLength = 63;

    // "Naming Amazon S3 objects", Amazon S3 User Guide: a key is at most 1,024 bytes of UTF-8; the layout's longest key
    // below the prefix is models/<64 hex>.json (76 bytes).
    private const int MaxPrefixBytes = 1024 - 76;

    /// <summary>The prefix as keys start with it: empty, or ending in one slash.</summary>
    public string KeyPrefix => Prefix.Length == 0 || Prefix.EndsWith('/') ? Prefix : Prefix + "/";

    /// <summary>Null when usable; otherwise one line naming the setting and what is wrong with it.</summary>
    public string? Problem()
    {
        if (Bucket is null || Bucket.Length is < MinBucketLength or > MaxBucketLength
            || !Bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
            || !char.IsAsciiLetterOrDigit(Bucket[0]) || !char.IsAsciiLetterOrDigit(Bucket[^1]))
        {
            return $"model store bucket '{Bucket}' is not a valid S3 bucket name ({MinBucketLength}-{MaxBucketLength} lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit)";
        }

        if (Prefix is null || Prefix.StartsWith('/'))
        {
            return $"model store prefix '{Prefix}' must not start with '/' (S3 keys have no leading slash)";
        }

        if (System.Text.Encoding.UTF8.GetByteCount(Prefix) > MaxPrefixBytes)
        {
            return $"model store prefix is longer than {MaxPrefixBytes} bytes, leaving no room for the model keys (S3 keys are at most 1024 bytes)";
        }

        return null;
    }
}
