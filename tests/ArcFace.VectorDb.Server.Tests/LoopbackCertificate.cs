using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>A self-signed certificate for 127.0.0.1, valid for the next hour, as the PEM files `serve --tls-cert/--tls-key` read.</summary>
internal static class LoopbackCertificate
{
    /// <summary>Writes cert.pem and key.pem into <paramref name="dir"/> and returns the certificate (its thumbprint is what a client pins).</summary>
    public static X509Certificate2 WritePem(TempDirectory dir)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllText(dir.File("cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(dir.File("key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }
}
