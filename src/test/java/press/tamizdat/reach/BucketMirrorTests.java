package press.tamizdat.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The static mirror's copy in an S3-compatible bucket, against S3Proxy (a real S3 server, on a
 * loopback port, keeping objects in memory): every file arrives with the manifest's checksum, a
 * publish and an unpublish follow within seconds, uploads are tried again through an outage, and a
 * deep sync repairs an object changed in the bucket.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=tamizdat-bucket",
            "tamizdat.demo=true",
            "tamizdat.reach.mirror.enabled=true",
            "tamizdat.reach.mirror.debounce=1s",
            "tamizdat.reach.mirror.bucket.name=outlet-mirror",
            "tamizdat.reach.mirror.bucket.prefix=site",
            "tamizdat.reach.mirror.bucket.path-style=true",
            "tamizdat.reach.mirror.bucket.access-key=mirror-access",
            "tamizdat.reach.mirror.bucket.secret-key=mirror-secret-key"
        })
class BucketMirrorTests {

    static final String BUCKET = "outlet-mirror";
    static final BlobStore STORE = ContextBuilder.newBuilder("transient")
            .credentials("mirror-access", "mirror-secret-key")
            .overrides(new Properties())
            .build(BlobStoreContext.class)
            .getBlobStore();
    static final int PORT = freePort();
    static S3Proxy proxy = start();
    static final S3Client S3 = S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + PORT))
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("mirror-access", "mirror-secret-key")))
            .build();

    static {
        S3.createBucket(request -> request.bucket(BUCKET));
    }

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("tamizdat.reach.mirror.bucket.endpoint", () -> "http://127.0.0.1:" + PORT);
    }

    @Autowired
    StaticMirror mirror;

    @Autowired
    BucketMirror bucket;

    @Autowired
    ApplicationContext context;

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static S3Proxy start() {
        try {
            var started = S3Proxy.builder()
                    .blobStore(STORE)
                    .endpoint(URI.create("http://127.0.0.1:" + PORT))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "mirror-access", "mirror-secret-key")
                    .build();
            started.start();
            // a plain loop: this runs in the class's static initialiser, where another thread (as
            // Awaitility uses) could not call back into the class
            for (int i = 0; i < 1000 && !"STARTED".equals(started.getState()); i++) {
                if ("FAILED".equals(started.getState())) {
                    throw new IllegalStateException("S3Proxy did not start");
                }
                Thread.sleep(10);
            }
            return started;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.stop();
    }

    static byte[] object(String file) {
        return S3.getObjectAsBytes(request -> request.bucket(BUCKET).key("site/" + file))
                .asByteArray();
    }

    static boolean has(String file) {
        try {
            S3.headObject(request -> request.bucket(BUCKET).key("site/" + file));
            return true;
        } catch (NoSuchKeyException gone) {
            return false;
        }
    }

    static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    byte[] localManifest() throws IOException {
        return Files.readAllBytes(mirror.folder().resolve(MirrorManifest.NAME));
    }

    /** The bucket's manifest is the folder's, which it is only once everything it lists is there. */
    void awaitBucketCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(has(MirrorManifest.NAME)).isTrue();
            assertThat(new String(object(MirrorManifest.NAME), StandardCharsets.UTF_8))
                    .isEqualTo(new String(localManifest(), StandardCharsets.UTF_8));
        });
    }

    @Test
    void everyFileOfTheCopyIsInTheBucketWithTheManifestsChecksum() throws Exception {
        awaitBucketCaughtUp();

        var manifest = MirrorManifest.parse(object(MirrorManifest.NAME));
        assertThat(manifest).hasSizeGreaterThan(30);
        for (var file : manifest.entrySet()) {
            assertThat(sha256(object(file.getKey())))
                    .as(file.getKey())
                    .isEqualTo(file.getValue().sha256());
        }
        var index = S3.headObject(request -> request.bucket(BUCKET).key("site/index.html"));
        assertThat(index.contentType()).startsWith("text/html");
    }

    @Test
    void aPublishReachesTheBucketAndAnUnpublishLeavesIt() throws Exception {
        awaitBucketCaughtUp();
        var articles = new TestArticles(context);

        long id = articles.publish(Language.EN, "Bucket dispatch from the border", "Filed today.", List.of());
        String file = articles.path(id).substring(1) + "/index.html";
        await().atMost(Duration.ofSeconds(30)).until(() -> has(file));
        assertThat(new String(object(file), StandardCharsets.UTF_8)).contains("Bucket dispatch from the border");

        articles.unpublish(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> !has(file));
    }

    @Test
    void uploadsAreTriedAgainThroughAShortOutage() throws Exception {
        awaitBucketCaughtUp();
        var articles = new TestArticles(context);
        proxy.stop();
        long id;
        try {
            id = articles.publish(Language.EN, "Filed during an outage", "The bucket was away.", List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(mirror.folder()
                            .resolve(articles.path(id).substring(1))
                            .resolve("index.html")));
            assertThatThrownBy(() -> bucket.sync(false)).isInstanceOf(RuntimeException.class);
            assertThat(bucket.failedRecently()).isTrue();
        } catch (RuntimeException | AssertionError failed) {
            proxy = start();
            throw failed;
        }
        // the store comes back while the next sync is still trying: the recurring job's or this one,
        // whichever it is, it must have tried again
        long retriedBefore = bucket.retriesSinceStart();
        var sync = CompletableFuture.runAsync(() -> bucket.sync(false));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> bucket.retriesSinceStart() > retriedBefore);
        } finally {
            proxy = start();
        }
        sync.get(30, TimeUnit.SECONDS);

        assertThat(bucket.retriesSinceStart()).isGreaterThan(retriedBefore);
        assertThat(bucket.failedRecently()).isFalse();
        assertThat(new String(object(articles.path(id).substring(1) + "/index.html"), StandardCharsets.UTF_8))
                .contains("Filed during an outage");
    }

    @Test
    void filesTheOperatorPutInTheBucketAreLeftAlone() throws Exception {
        awaitBucketCaughtUp();
        S3.putObject(
                request -> request.bucket(BUCKET).key("site/.well-known/security.txt"),
                RequestBody.fromString("Contact: mailto:security@example.org"));

        bucket.sync(true);

        assertThat(has(".well-known/security.txt")).isTrue();
    }

    @Test
    void aDeepSyncRepairsAnObjectChangedInTheBucket() throws Exception {
        awaitBucketCaughtUp();
        byte[] original = object("robots.txt");
        byte[] tampered = original.clone();
        tampered[0] = (byte) (tampered[0] == 'X' ? 'Y' : 'X');
        S3.putObject(request -> request.bucket(BUCKET).key("site/robots.txt"), RequestBody.fromBytes(tampered));

        bucket.sync(false);
        assertThat(object("robots.txt")).as("a quick sync trusts sizes").isEqualTo(tampered);
        var deep = bucket.sync(true);

        assertThat(deep.uploaded()).isPositive();
        assertThat(object("robots.txt")).isEqualTo(original);
    }
}
