package press.tamizdat.platform;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph, Cloudflare R2, Backblaze B2...): its name (none:
 * no bucket), the service's address (none: AWS), the region, a folder inside the bucket, the keys
 * (none: the AWS SDK's usual sources, such as the environment or an instance role), and whether
 * the bucket is addressed in the path rather than the host name (MinIO and most self-hosted ones).
 * The mirror's copy and the media library each may have one.
 */
public record Bucket(
        String name,
        String endpoint,
        String region,
        String prefix,
        String accessKey,
        String secretKey,
        boolean pathStyle) {

    /** Whether a bucket is set at all. */
    public boolean named() {
        return !name.isBlank();
    }

    /**
     * A client for this bucket over the JDK's HTTP connection. {@code sdkRetries} off for a caller
     * that retries, checks and reports each object itself.
     */
    public S3Client client(boolean sdkRetries) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                // the MD5 a caller sends is the check; the SDK's newer default checksums are not
                // understood by every S3-compatible store
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials());
        if (!sdkRetries) {
            builder.overrideConfiguration(
                    configuration -> configuration.retryStrategy(DefaultRetryStrategy.doNotRetry()));
        }
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        return accessKey.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
