using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PumpWatch.Simulator.Cli.Tests.Mqtt;

/// <summary>
/// Two CAs made in the test: the broker's CA, which signs the broker's certificate (for 127.0.0.1) and the device's
/// (RSA, PKCS#1 key file, as AWS IoT Core issues them), and a stranger CA with a device of its own (ECDSA, SEC1 key file).
/// The device files are written as PEM into a temporary folder that Dispose deletes.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2 _ca;
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _strangerCa;
    private readonly ECDsa _strangerCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private long _serial;

    public TestPki()
    {
        var now = TimeProvider.System.GetUtcNow();
        NotBefore = now.AddHours(-1);
        NotAfter = now.AddDays(1);
        Directory.CreateDirectory(Folder);
        _ca = CreateCa("CN=PumpWatch test broker CA", _caKey);
        _strangerCa = CreateCa("CN=PumpWatch test stranger CA", _strangerCaKey);
        ServerCertificate = Issue(_ca, _caKey, "CN=127.0.0.1", ServerAuth, ECDsa.Create(ECCurve.NamedCurves.nistP256), subjectAltNames: true);
        File.WriteAllText(CaFile, _ca.ExportCertificatePem());
        File.WriteAllText(StrangerCaFile, _strangerCa.ExportCertificatePem());

        using var deviceKey = RSA.Create(2048);
        using var device = Issue(_ca, _caKey, "CN=pump-device", ClientAuth, deviceKey);
        File.WriteAllText(DeviceCertFile, device.ExportCertificatePem());
        File.WriteAllText(DeviceKeyFile, deviceKey.ExportRSAPrivateKeyPem());

        using var strangerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var stranger = Issue(_strangerCa, _strangerCaKey, "CN=stranger-device", ClientAuth, strangerKey);
        File.WriteAllText(StrangerCertFile, stranger.ExportCertificatePem());
        File.WriteAllText(StrangerKeyFile, strangerKey.ExportECPrivateKeyPem());

        using var unrelated = RSA.Create(2048);
        File.WriteAllText(UnrelatedRsaKeyFile, unrelated.ExportPkcs8PrivateKeyPem());
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"pumpwatch-pki-{Guid.NewGuid():N}");

    public DateTimeOffset NotBefore { get; }

    public DateTimeOffset NotAfter { get; }

    /// <summary>The broker's certificate with its private key, for 127.0.0.1 (not for localhost).</summary>
    public X509Certificate2 ServerCertificate { get; }

    public string CaFile => Path.Combine(Folder, "broker-ca.pem");

    public string StrangerCaFile => Path.Combine(Folder, "stranger-ca.pem");

    public string DeviceCertFile => Path.Combine(Folder, "device.pem.crt");

    public string DeviceKeyFile => Path.Combine(Folder, "device.private.pem.key");

    public string StrangerCertFile => Path.Combine(Folder, "stranger.pem.crt");

    public string StrangerKeyFile => Path.Combine(Folder, "stranger.private.pem.key");

    /// <summary>An RSA key (PKCS#8) that belongs to no certificate here.</summary>
    public string UnrelatedRsaKeyFile => Path.Combine(Folder, "unrelated.private.pem.key");

    /// <summary>The broker's check of a device certificate: a chain to the broker's CA and nothing else.</summary>
    public bool IsDevice(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuth));
        return chain.Build(presented);
    }

    public void Dispose()
    {
        ServerCertificate.Dispose();
        _ca.Dispose();
        _caKey.Dispose();
        _strangerCa.Dispose();
        _strangerCaKey.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private X509Certificate2 CreateCa(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(NotBefore, NotAfter);
    }

    private X509Certificate2 Issue(X509Certificate2 issuer, ECDsa issuerKey, string subject, string usage, AsymmetricAlgorithm key, bool subjectAltNames = false)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            key is RSA ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (subjectAltNames)
        {
            var names = new SubjectAlternativeNameBuilder();
            // The address only: "localhost" reaches the same broker under a name its certificate does not carry.
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = BitConverter.GetBytes(Interlocked.Increment(ref _serial) + 1000);
        // The CAs sign with ECDSA whatever the subject's key; the generator overload allows an RSA subject under an ECDSA issuer.
        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), NotBefore, NotAfter, serial);
        var withKey = key switch
        {
            RSA rsa => issued.CopyWithPrivateKey(rsa),
            _ => issued.CopyWithPrivateKey((ECDsa)key),
        };
        return withKey;
    }
}
