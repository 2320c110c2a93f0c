package press.tamizdat.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The archive's envelope: an OpenPGP message (RFC 4880), AES-256 with an integrity check, for a
 * passphrase (iterated and salted SHA-256) or for the operator's public key, so that the machine
 * making backups holds nothing that opens them. {@code gpg --decrypt} opens it as well.
 * Bouncy Castle's OpenPGP, as the field uses; no format of our own.
 */
final class OpenPgp {

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    private static final int BUFFER = 1 << 16;

    private OpenPgp() {}

    /** How an archive is sealed: for a passphrase, or for a public key. */
    sealed interface Seal permits Passphrase, PublicKey {}

    record Passphrase(char[] passphrase) implements Seal {}

    record PublicKey(PGPPublicKey key) implements Seal {

        /** The first encryption key in an exported public key ({@code gpg --export --armor}). */
        static PublicKey read(Path file) throws IOException {
            try (var in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
                var rings = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
                for (var ring : rings) {
                    for (var key : ring) {
                        if (key.isEncryptionKey()) {
                            return new PublicKey(key);
                        }
                    }
                }
            } catch (PGPException e) {
                throw new IOException(file + " holds no OpenPGP public key: " + e.getMessage(), e);
            }
            throw new IOException(file + " holds no key that can encrypt");
        }
    }

    /** How an archive is opened: its passphrase, or the secret key ({@code gpg --export-secret-keys --armor}). */
    sealed interface Opener permits WithPassphrase, WithSecretKey {}

    record WithPassphrase(char[] passphrase) implements Opener {}

    record WithSecretKey(PGPSecretKeyRingCollection keys, char[] keyPassphrase) implements Opener {

        static WithSecretKey read(Path file, char[] keyPassphrase) throws IOException {
            try (var in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
                return new WithSecretKey(
                        new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator()), keyPassphrase);
            } catch (PGPException e) {
                throw new IOException(file + " holds no OpenPGP secret key: " + e.getMessage(), e);
            }
        }
    }

    /** An archive could not be opened: wrong passphrase or key, or damaged. */
    static final class Unopened extends IOException {
        Unopened(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    /** A stream to write the clear archive into; closing it finishes the message. */
    static OutputStream seal(OutputStream out, Seal seal) throws IOException {
        var generator = new PGPEncryptedDataGenerator(new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setSecureRandom(new SecureRandom())
                .setProvider(PROVIDER));
        try {
            switch (seal) {
                case Passphrase(char[] passphrase) ->
                    generator.addMethod(new JcePBEKeyEncryptionMethodGenerator(
                                    passphrase,
                                    new JcaPGPDigestCalculatorProviderBuilder()
                                            .setProvider(PROVIDER)
                                            .build()
                                            .get(HashAlgorithmTags.SHA256),
                                    0xff)
                            .setProvider(PROVIDER));
                case PublicKey(PGPPublicKey key) ->
                    generator.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(key).setProvider(PROVIDER));
            }
            var encrypted = generator.open(out, new byte[BUFFER]);
            var literal = new PGPLiteralDataGenerator();
            var clear =
                    literal.open(encrypted, PGPLiteralData.BINARY, "tamizdat-backup.zip", new Date(), new byte[BUFFER]);
            return new java.io.FilterOutputStream(clear) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    clear.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    clear.close();
                    literal.close();
                    encrypted.close();
                    generator.close();
                }
            };
        } catch (PGPException e) {
            throw new IOException("The archive could not be sealed: " + e.getMessage(), e);
        }
    }

    /**
     * The clear archive in {@code in}. Its integrity is known only at its end: {@link Opened#verify}
     * says whether it held, once everything was read.
     */
    static Opened open(InputStream in, Opener opener) throws IOException {
        try {
            var objects = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(in));
            Object next = objects.nextObject();
            if (next instanceof PGPMarker) {
                next = objects.nextObject();
            }
            if (!(next instanceof PGPEncryptedDataList list)) {
                throw new Unopened("This is not an encrypted backup", null);
            }
            for (var data : list) {
                InputStream clear = null;
                try {
                    if (data instanceof PGPPBEEncryptedData sealed
                            && opener instanceof WithPassphrase(char[] passphrase)) {
                        clear = sealed.getDataStream(
                                new JcePBEDataDecryptorFactoryBuilder(new JcaPGPDigestCalculatorProviderBuilder()
                                                .setProvider(PROVIDER)
                                                .build())
                                        .setProvider(PROVIDER)
                                        .build(passphrase));
                    } else if (data instanceof PGPPublicKeyEncryptedData sealed
                            && opener instanceof WithSecretKey(var keys, var keyPassphrase)) {
                        var secret = keys.getSecretKey(sealed.getKeyID());
                        if (secret == null) {
                            continue;
                        }
                        var privateKey = secret.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder()
                                .setProvider(PROVIDER)
                                .build(keyPassphrase));
                        clear = sealed.getDataStream(new JcePublicKeyDataDecryptorFactoryBuilder()
                                .setProvider(PROVIDER)
                                .build(privateKey));
                    }
                } catch (PGPException wrong) {
                    throw new Unopened("The passphrase or key does not open this backup", wrong);
                }
                if (clear != null) {
                    return new Opened(literal(clear), data);
                }
            }
            throw new Unopened(
                    opener instanceof WithPassphrase
                            ? "This backup was not sealed with a passphrase: give the secret key"
                            : "This backup was not sealed for this key",
                    null);
        } catch (PGPException e) {
            throw new Unopened("This backup could not be read: " + e.getMessage(), e);
        }
    }

    private static InputStream literal(InputStream clear) throws IOException, PGPException {
        Object message = new JcaPGPObjectFactory(clear).nextObject();
        if (message instanceof PGPCompressedData compressed) {
            message = new JcaPGPObjectFactory(compressed.getDataStream()).nextObject();
        }
        if (!(message instanceof PGPLiteralData literal)) {
            throw new Unopened("The backup holds no archive", null);
        }
        return literal.getInputStream();
    }

    /** An opened archive: its clear bytes, and the check of its integrity once read to the end. */
    record Opened(InputStream clear, PGPEncryptedData data) {

        /** Whether the archive is as it was sealed; call once {@link #clear} has been read to its end. */
        boolean verify() throws IOException {
            try {
                clear.transferTo(OutputStream.nullOutputStream());
                return data.isIntegrityProtected() && data.verify();
            } catch (PGPException e) {
                return false;
            }
        }
    }
}
