package press.tamizdat;

import java.net.ServerSocket;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible store for a test (S3Proxy over an in-memory blob store, on a port of its own):
 * the application reaches it as it would MinIO, and the test looks into it with the AWS client.
 */
public final class TestBucket implements AutoCloseable {

    public static final String ACCESS = "test-access";
    public static final String SECRET = "test-secret-key";

    private final S3Proxy proxy;
    private final int port;
    private final S3Client client;

    private TestBucket(S3Proxy proxy, int port) {
        this.proxy = proxy;
        this.port = port;
        this.client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
    }

    /** A running store with these buckets made. */
    public static TestBucket start(String... buckets) {
        try {
            int port;
            try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            var store = ContextBuilder.newBuilder("transient")
                    .credentials(ACCESS, SECRET)
                    .overrides(new Properties())
                    .build(BlobStoreContext.class)
                    .getBlobStore();
            var proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                    .build();
            proxy.start();
            // a plain loop: this may run in a class's static initialiser
            for (int i = 0; i < 1000 && !"STARTED".equals(proxy.getState()); i++) {
                if ("FAILED".equals(proxy.getState())) {
                    throw new IllegalStateException("S3Proxy did not start");
                }
                Thread.sleep(10);
            }
            var bucket = new TestBucket(proxy, port);
            for (String name : buckets) {
                bucket.client.createBucket(request -> request.bucket(name));
            }
            return bucket;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public S3Client client() {
        return client;
    }

    /** The settings that point the media library at {@code bucket} in this store. */
    public String[] mediaSettings(String bucket) {
        return new String[] {
            "tamizdat.media.bucket.name=" + bucket,
            "tamizdat.media.bucket.endpoint=" + endpoint(),
            "tamizdat.media.bucket.access-key=" + ACCESS,
            "tamizdat.media.bucket.secret-key=" + SECRET,
            "tamizdat.media.bucket.path-style=true"
        };
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
