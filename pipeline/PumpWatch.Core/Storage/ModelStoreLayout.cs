using System.Security.Cryptography;
using System.Text;
using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Storage;

/// <summary>
/// The layout every model store shares, so a folder can be copied to S3 as it is: <c>models/&lt;sha256&gt;.json</c> holds
/// a model artifact whose bytes hash to its name, and <c>latest</c> holds the key of the current one (relative to the
/// store's root, one line). Encoding, hashing and checking live here; the stores only move bytes.
/// </summary>
public static class ModelStoreLayout
{
    /// <summary>The pointer object's key below the store's root.</summary>
    public const string LatestKey = "latest";

    /// <summary>The folder (key prefix) below the store's root that holds the artifacts.</summary>
    public const string ModelsFolder = "models/";

    private const string Extension = ".json";
    private const int HashLength = 64;

    /// <summary>The key of the artifact whose bytes hash to <paramref name="contentHash"/>.</summary>
    public static string KeyFor(string contentHash)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        return ModelsFolder + contentHash + Extension;
    }

    /// <summary>Whether <paramref name="text"/> is a content hash as the stores write it: 64 lowercase hex digits.</summary>
    public static bool IsContentHash(ReadOnlySpan<char> text)
    {
        if (text.Length != HashLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A model's artifact bytes (UTF-8 JSON, <see cref="ModelArtifact"/>) and their lowercase hex SHA-256.</summary>
    public static (byte[] Bytes, string ContentHash) Encode(AnomalyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bytes = Encoding.UTF8.GetBytes(ModelArtifact.ToJson(model));
        return (bytes, HashOf(bytes));
    }

    /// <summary>Lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The pointer object's content naming <paramref name="key"/>.</summary>
    public static byte[] Pointer(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Encoding.UTF8.GetBytes(key + "\n");
    }

    /// <summary>
    /// The content hash a pointer names, or null with <paramref name="problem"/> saying why when its content is not one
    /// line <c>models/&lt;64 hex digits&gt;.json</c> (surrounding white space is allowed, for a hand-written pointer).
    /// </summary>
    public static string? ParsePointer(ReadOnlySpan<byte> content, out string? problem)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content).Trim();
        }
        catch (DecoderFallbackException)
        {
            problem = "the pointer is not UTF-8 text";
            return null;
        }

        var hash = text.StartsWith(ModelsFolder, StringComparison.Ordinal) && text.EndsWith(Extension, StringComparison.Ordinal)
            ? text.AsSpan(ModelsFolder.Length, text.Length - ModelsFolder.Length - Extension.Length)
            : default;
        if (!IsContentHash(hash))
        {
            problem = $"the pointer does not name a model key ({ModelsFolder}<64 hex digits>{Extension}): '{Excerpt(text)}'";
            return null;
        }

        problem = null;
        return hash.ToString();
    }

    /// <summary>
    /// The model in artifact bytes read from <paramref name="where"/>, after checking that they hash to <paramref name="contentHash"/>.
    /// </summary>
    /// <exception cref="ModelStoreException">The bytes do not match their name, or are not a valid artifact; the message starts with <paramref name="where"/>.</exception>
    public static AnomalyModel Decode(ReadOnlySpan<byte> bytes, string contentHash, string where)
    {
        var actual = HashOf(bytes);
        if (actual != contentHash)
        {
            throw new ModelStoreException($"{where}: its content hashes to {actual}, not to its name: the object was changed or damaged");
        }

        try
        {
            return ModelArtifact.FromJson(Encoding.UTF8.GetString(bytes));
        }
        catch (ModelMismatchException e)
        {
            throw new ModelStoreException($"{where}: {e.Message}", e);
        }
    }

    /// <summary>A refusal of <paramref name="id"/> that is not a content hash, saying what the store expects.</summary>
    public static ModelStoreException NotAContentHash(string id, string location) =>
        new(id.StartsWith("if-", StringComparison.Ordinal)
            ? $"{location}: '{Excerpt(id)}' is a model id; the store names models by the SHA-256 of their artifact (64 hex digits), as saving printed"
            : $"{location}: '{Excerpt(id)}' is not a model's content hash (64 lowercase hex digits)");

    private static string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 100 ? line : line[..100] + "...";
    }
}
