using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>
/// The PEM files a device connects with: its certificate and private key (as AWS IoT Core issues them: RSA or ECDSA, PKCS#1,
/// SEC1 or PKCS#8) and the CA certificates that sign the broker's certificate (Amazon Root CA 1). Each problem is one line
/// naming the file.
/// </summary>
internal sealed record DeviceCertificates(X509Certificate2 Client, X509Certificate2Collection Authorities)
{
    public static DeviceCertificates Load(string certFile, string keyFile, string caFile)
    {
        var client = LoadClient(certFile, keyFile);
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPem(ReadPem("--ca", caFile));
        }
        catch (CryptographicException e)
        {
            throw new SinkFailedException($"--ca {caFile}: a certificate in it does not decode ({e.Message})", e);
        }

        if (authorities.Count == 0)
        {
            throw new SinkFailedException($"--ca {caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }

        return new DeviceCertificates(client, authorities);
    }

    private static X509Certificate2 LoadClient(string certFile, string keyFile)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(ReadPem("--cert", certFile));
        }
        catch (CryptographicException e)
        {
            throw new SinkFailedException($"--cert {certFile} holds no PEM certificate ({e.Message})", e);
        }

        using (certificate)
        {
            var keyPem = ReadPem("--key", keyFile);
            if (certificate.GetRSAPublicKey() is { } rsaPublic)
            {
                rsaPublic.Dispose();
                using var rsa = RSA.Create();
                ImportKey(rsa, keyPem, "RSA", certFile, keyFile);
                return Pair(() => certificate.CopyWithPrivateKey(rsa), certFile, keyFile);
            }

            if (certificate.GetECDsaPublicKey() is { } ecPublic)
            {
                ecPublic.Dispose();
                using var ec = ECDsa.Create();
                ImportKey(ec, keyPem, "EC", certFile, keyFile);
                return Pair(() => certificate.CopyWithPrivateKey(ec), certFile, keyFile);
            }

            throw new SinkFailedException($"--cert {certFile}: its key is neither RSA nor ECDSA, which AWS IoT Core issues");
        }
    }

    private static void ImportKey(AsymmetricAlgorithm key, string pem, string kind, string certFile, string keyFile)
    {
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            // No key of the certificate's kind in the file, or an encrypted one: ImportFromPem says which.
            throw new SinkFailedException($"--key {keyFile} holds no usable {kind} private key for the {kind} certificate in --cert {certFile} ({e.Message})", e);
        }
        catch (CryptographicException e)
        {
            throw new SinkFailedException($"--key {keyFile}: the private key does not decode ({e.Message})", e);
        }
    }

    private static X509Certificate2 Pair(Func<X509Certificate2> copyWithKey, string certFile, string keyFile)
    {
        try
        {
            using var paired = copyWithKey();
            // A round trip through PKCS#12 gives a key that TLS can use on every platform (Windows' SslStream refuses
            // ephemeral keys such as one imported from PEM); it costs a millisecond once per run.
            return X509CertificateLoader.LoadPkcs12(paired.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new SinkFailedException($"--key {keyFile} does not match the certificate in --cert {certFile}", e);
        }
    }

    private static string ReadPem(string option, string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SinkFailedException($"{option} {file}: no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SinkFailedException($"{option} {file} cannot be read: {e.Message}", e);
        }
    }
}
