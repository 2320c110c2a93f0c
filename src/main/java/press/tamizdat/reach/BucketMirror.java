package press.tamizdat.reach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps a copy of the static mirror in an S3-compatible bucket, from the folder {@link StaticMirror}
 * writes. A sync uploads only the files whose checksum differs from the bucket's manifest or that
 * the bucket lacks, each with its MD5 (the store refuses a changed body) and its ETag checked where
 * it is an MD5; every call to the store is tried five times in all, waiting longer each time. The
 * bucket's listing is then checked against the manifest (every file there, at its size); the
 * manifest goes up last, so a reader of the bucket never sees it list a file that is not there yet;
 * and files the copy no longer has (that the bucket's previous manifest listed) are removed. A deep
 * sync (after the nightly export) also compares every object's ETag with the file's MD5, and so
 * repairs an object changed in the bucket behind our back.
 *
 * <p>Longer than our other classes on purpose: the sync, its retries and the checks of what the
 * store answers are one protocol over one client, and a split would only pass the client, the
 * retry count and the manifests between classes. What the copy holds is {@link MirrorManifest}'s.
 */
@Component
class BucketMirror implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BucketMirror.class);

    static final int ATTEMPTS = 5;
    private static final java.util.regex.Pattern MD5_SHAPED = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}");
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final int UPLOADING_AT_ONCE = 8;
    /**
     * Content types as S3 serves them back; the charset spelt as servers write it, since some
     * S3-compatible stores sign the header in that form and refuse another spelling.
     */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=UTF-8"),
            Map.entry("xml", "application/xml; charset=UTF-8"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=UTF-8"),
            Map.entry("css", "text/css; charset=UTF-8"),
            Map.entry("js", "text/javascript; charset=UTF-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"));

    private final ReachSettings.Mirror settings;
    private final Clock clock;
    /** Made at first use; guarded by its own lock, since uploads run while {@link #sync} holds this one. */
    private @Nullable S3Client client;

    private final Object clientLock = new Object();
    private volatile @Nullable FileTime syncedManifest;
    private volatile @Nullable Instant syncedAt;
    private volatile @Nullable Instant failedAt;
    /** Calls to the store that failed and were tried again, in the sync under way. */
    private final java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
    /** Calls tried again since the application started, for the newsroom and the tests. */
    private final java.util.concurrent.atomic.AtomicLong retriesSinceStart =
            new java.util.concurrent.atomic.AtomicLong();

    BucketMirror(ReachSettings reach, Clock clock) {
        this.settings = reach.mirror();
        this.clock = clock;
    }

    /** What a sync did: files uploaded, uploads tried again, files removed from the bucket, time taken. */
    record Synced(int uploaded, int retried, int removed, Duration took) {}

    boolean configured() {
        return settings.bucket().named();
    }

    String name() {
        return settings.bucket().name();
    }

    @Nullable
    Instant syncedAt() {
        return syncedAt;
    }

    long retriesSinceStart() {
        return retriesSinceStart.get();
    }

    /** True when the folder's manifest changed since the last sync this node made (or none was made). */
    boolean behind() {
        Path manifest = settings.folder().resolve(MirrorManifest.NAME);
        try {
            return Files.exists(manifest)
                    && !Files.getLastModifiedTime(manifest).equals(syncedManifest);
        } catch (IOException e) {
            return true;
        }
    }

    /** After a failed sync the job waits a minute before trying again. */
    boolean failedRecently() {
        var at = failedAt;
        return at != null && at.plus(Duration.ofMinutes(1)).isAfter(clock.instant());
    }

    synchronized Synced sync(boolean deep) {
        try {
            var synced = syncOrFail(deep);
            failedAt = null;
            return synced;
        } catch (RuntimeException failed) {
            failedAt = clock.instant();
            log.warn("The mirror's bucket {} could not be brought up to date: {}", name(), failed.getMessage());
            throw failed;
        }
    }

    private Synced syncOrFail(boolean deep) {
        Instant started = clock.instant();
        Path root = settings.folder();
        Path manifestFile = root.resolve(MirrorManifest.NAME);
        FileTime manifestTime;
        byte[] manifestBytes;
        try {
            manifestTime = Files.getLastModifiedTime(manifestFile);
            manifestBytes = Files.readAllBytes(manifestFile);
        } catch (IOException e) {
            throw new UncheckedIOException("The mirror has no manifest to upload yet", e);
        }
        var local = MirrorManifest.parse(manifestBytes);
        retries.set(0);
        var uploaded = retrying("the bucket's manifest", this::remoteManifest);
        var listed = retrying("the bucket's listing", this::listing);

        var toUpload = new ArrayList<String>();
        for (var file : local.entrySet()) {
            var object = listed.get(key(file.getKey()));
            boolean same = file.getValue().equals(uploaded.get(file.getKey()))
                    && object != null
                    && object.size() == file.getValue().size()
                    && (!deep
                            || !isMd5(etag(object))
                            || etag(object).equalsIgnoreCase(md5(root.resolve(file.getKey()))));
            if (!same) {
                toUpload.add(file.getKey());
            }
        }
        uploadAll(root, toUpload);

        // the listing must now agree with the manifest, file by file, before the manifest goes up
        var after = retrying("the bucket's listing", this::listing);
        var missing = local.entrySet().stream()
                .filter(file -> {
                    var object = after.get(key(file.getKey()));
                    return object == null || object.size() != file.getValue().size();
                })
                .map(Map.Entry::getKey)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    missing.size() + " files are not in the bucket as the manifest lists them, " + missing.getFirst());
        }
        retrying(MirrorManifest.NAME, () -> put(MirrorManifest.NAME, manifestBytes));

        // only what this platform put there (its previous manifest listed it) is removed, never an
        // operator's own files in the bucket
        var stale = uploaded.keySet().stream()
                .filter(file -> !local.containsKey(file))
                .map(this::key)
                .filter(after::containsKey)
                .toList();
        remove(stale);
        syncedManifest = manifestTime;
        syncedAt = clock.instant();
        var synced =
                new Synced(toUpload.size(), retries.get(), stale.size(), Duration.between(started, clock.instant()));
        log.info(
                "Mirror bucket {}: {} uploaded ({} tried again), {} removed, in {} ms",
                name(),
                synced.uploaded(),
                synced.retried(),
                synced.removed(),
                synced.took().toMillis());
        return synced;
    }

    /** Uploads the files a few at a time. */
    private void uploadAll(Path root, List<String> files) {
        if (files.isEmpty()) {
            return;
        }
        try (var pool = Executors.newFixedThreadPool(
                UPLOADING_AT_ONCE,
                Thread.ofPlatform().daemon().name("mirror-bucket-", 0).factory())) {
            var results = new ArrayList<Future<?>>();
            for (String file : files) {
                results.add(pool.submit(() -> retrying(file, () -> put(file, read(root.resolve(file))))));
            }
            for (var result : results) {
                result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while uploading the mirror", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /**
     * One call to the store, tried up to {@link #ATTEMPTS} times with growing waits (a quarter of a
     * second, doubling), so a store that is away for a moment does not fail the sync. The SDK's own
     * retries are off, so these are the only ones and the count in {@link Synced} is true.
     */
    private <T> T retrying(String what, java.util.function.Supplier<T> call) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (SdkException | IllegalStateException failed) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException(
                            what + " failed " + ATTEMPTS + " times: " + failed.getMessage(), failed);
                }
                retries.incrementAndGet();
                retriesSinceStart.incrementAndGet();
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting to try the bucket again", e);
                }
                wait = wait.multipliedBy(2);
            }
        }
    }

    private void retrying(String what, Runnable call) {
        retrying(what, () -> {
            call.run();
            return null;
        });
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a file with its MD5 (the store refuses a body that arrived changed) and checks the ETag it answers. */
    private void put(String file, byte[] body) {
        byte[] md5 = md5(body);
        var answer = client().putObject(
                        request -> request.bucket(name())
                                .key(key(file))
                                .contentType(type(file))
                                .contentMD5(Base64.getEncoder().encodeToString(md5)),
                        RequestBody.fromBytes(body));
        String etag = answer.eTag() == null ? "" : answer.eTag().replace("\"", "");
        // the store checked the body against Content-MD5 already; where its ETag is an MD5 (not
        // with SSE-KMS or SSE-C encryption, nor on some stores), it must be this one
        if (isMd5(etag) && !etag.equalsIgnoreCase(HexFormat.of().formatHex(md5))) {
            throw new IllegalStateException(file + " was stored with ETag " + etag + ", not its MD5");
        }
    }

    private Map<String, MirrorManifest.Entry> remoteManifest() {
        try {
            return MirrorManifest.parse(
                    client().getObjectAsBytes(request -> request.bucket(name()).key(key(MirrorManifest.NAME)))
                            .asByteArray());
        } catch (NoSuchKeyException none) {
            return Map.of();
        } catch (tools.jackson.core.JacksonException | NullPointerException unreadable) {
            // a damaged manifest in the bucket must not stop every sync: everything is compared anew
            log.warn("The bucket's manifest could not be read; every file is checked again");
            return Map.of();
        }
    }

    private Map<String, S3Object> listing() {
        var objects = new HashMap<String, S3Object>();
        client().listObjectsV2Paginator(request -> request.bucket(name()).prefix(prefix()))
                .contents()
                .forEach(object -> objects.put(object.key(), object));
        return objects;
    }

    /**
     * One request per object: a batch delete must carry a checksum, and the SDK's current choice of
     * checksum is not implemented by every S3-compatible store. Few files go at a time.
     */
    private void remove(List<String> keys) {
        for (String key : keys) {
            retrying(
                    key,
                    () -> client().deleteObject(
                                    request -> request.bucket(name()).key(key)));
        }
    }

    private String prefix() {
        String prefix = settings.bucket().prefix().strip().replaceAll("^/+|/+$", "");
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    private String key(String file) {
        return prefix() + file;
    }

    private static boolean isMd5(String etag) {
        return MD5_SHAPED.matcher(etag).matches();
    }

    private static String etag(S3Object object) {
        return object.eTag() == null ? "" : object.eTag().replace("\"", "");
    }

    static String type(String file) {
        int dot = file.lastIndexOf('.');
        String extension = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static String md5(Path file) {
        try {
            return HexFormat.of().formatHex(md5(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "";
        }
    }

    private static byte[] md5(byte[] body) {
        try {
            // the checksum S3's ETag and Content-MD5 use; not for security
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private S3Client client() {
        synchronized (clientLock) {
            if (client != null) {
                return client;
            }
            client = settings.bucket().client(false);
            return client;
        }
    }

    @Override
    public void destroy() {
        synchronized (clientLock) {
            if (client != null) {
                client.close();
            }
        }
    }
}
