package dev.cairn.bench.generator;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.Date;

/**
 * A self-signed Ed25519 server certificate ({@code server.crt}) and its PKCS#8 private key
 * ({@code server.key}, mode 0600), both PEM. Ed25519 signatures are deterministic, and the key comes
 * from a seeded SHA1PRNG, so the files are the same for the same seed.
 */
public final class CertificateFiles {

    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private CertificateFiles() {
    }

    /** Writes {@code server.crt} and {@code server.key} under {@code dir}. */
    public static void create(Path dir, GeneratorSettings settings) throws IOException {
        Files.createDirectories(dir);
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(BigInteger.valueOf(settings.seedFor("certs")).toByteArray());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            KeyPair pair = generator.generateKeyPair();

            X500Name name = new X500Name("CN=bench-app.example.test,O=Cairn Bench");
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(settings.seedFor("serial")).abs().add(BigInteger.ONE)));
            tbs.setIssuer(name);
            tbs.setSubject(name);
            tbs.setStartDate(new Time(new Date(1_767_225_600_000L)));
            tbs.setEndDate(new Time(new Date(1_798_761_600_000L)));
            tbs.setSignature(new AlgorithmIdentifier(ED25519));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
            TBSCertificate certificate = tbs.generateTBSCertificate();

            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(certificate.getEncoded());
            ASN1EncodableVector whole = new ASN1EncodableVector();
            whole.add(certificate);
            whole.add(new AlgorithmIdentifier(ED25519));
            whole.add(new DERBitString(signer.sign()));

            Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", new DERSequence(whole).getEncoded()),
                    StandardCharsets.US_ASCII);
            Path key = dir.resolve("server.key");
            Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create the bench certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
