package press.tamizdat.publishing;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import press.tamizdat.platform.Bucket;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Pictures in an S3-compatible bucket under {@code <prefix><key>/<width>.<ext>}, shared by every
 * node. The objects are private: the nodes serve them (and a cache in front keeps them, since they
 * never change), so pages link to the site's own {@code /media/} on every mirror and onion address.
 */
final class MediaBucket implements MediaStore, AutoCloseable {

    private final Bucket bucket;
    private final S3Client s3;

    MediaBucket(Bucket bucket) {
        this.bucket = bucket;
        this.s3 = bucket.client(true);
    }

    @Override
    public void put(String key, Map<String, byte[]> files) {
        var written = new ArrayList<String>();
        try {
            for (var file : files.entrySet()) {
                String object = object(key, file.getKey());
                s3.putObject(
                        request -> request.bucket(bucket.name())
                                .key(object)
                                .contentType(file.getKey().endsWith(".png") ? "image/png" : "image/jpeg")
                                .cacheControl("public, max-age=31536000, immutable"),
                        RequestBody.fromBytes(file.getValue()));
                written.add(object);
            }
        } catch (SdkException e) {
            written.forEach(this::deleteQuietly);
            throw new IllegalStateException("Could not store an image in the bucket " + bucket.name(), e);
        }
    }

    /** Whether the file is there already with this size (the move from a folder skips it). */
    boolean holds(String key, String file, long size) {
        try {
            return s3.headObject(request -> request.bucket(bucket.name()).key(object(key, file)))
                            .contentLength()
                    == size;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            if (e instanceof software.amazon.awssdk.services.s3.model.S3Exception s3e && s3e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> read(String key, String file) {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(request -> request.bucket(bucket.name()).key(object(key, file)))
                            .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) {
        var listed = s3.listObjectsV2Paginator(
                request -> request.bucket(bucket.name()).prefix(bucket.prefix() + key + "/"));
        listed.contents().forEach(object -> deleteQuietly(object.key()));
    }

    private void deleteQuietly(String object) {
        try {
            s3.deleteObject(request -> request.bucket(bucket.name()).key(object));
        } catch (SdkException e) {
            // left behind: an object no record names, never served
        }
    }

    private String object(String key, String file) {
        return bucket.prefix() + key + "/" + file;
    }

    @Override
    public void close() {
        s3.close();
    }
}
