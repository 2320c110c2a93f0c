package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.TestBucket;
import press.tamizdat.platform.TamizdatSettings;

/**
 * With a media bucket (S3Proxy here, MinIO or S3 in production), pictures are stored in it and every
 * node serves them from it; the move command brings the media folder's pictures in.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MediaBucketTests {

    static final String BUCKET = "outlet-media";
    static final TestBucket STORE = TestBucket.start(BUCKET);

    @DynamicPropertySource
    static void mediaInTheBucket(DynamicPropertyRegistry registry) {
        for (String setting : STORE.mediaSettings(BUCKET)) {
            int equals = setting.indexOf('=');
            registry.add(setting.substring(0, equals), () -> setting.substring(equals + 1));
        }
    }

    @AfterAll
    static void stopStore() {
        STORE.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MediaLibrary library;

    @Autowired
    MediaCommand command;

    @Autowired
    TamizdatSettings settings;

    @Test
    void anUploadedPhotoIsKeptInTheBucketWithoutItsLocationAndServedFromIt() throws Exception {
        var stored = library.store(TestImages.jpegWithGpsAndCamera(55.7558, 37.6173), 1);

        var objects = STORE.client()
                .listObjectsV2(request -> request.bucket(BUCKET).prefix("media/" + stored.key() + "/"))
                .contents();
        assertThat(objects).hasSameSizeAs(stored.widths());
        assertThat(MediaLibrary.folder(settings).resolve(stored.key())).doesNotExist();

        int width = stored.widths().getFirst();
        byte[] object = STORE.client()
                .getObjectAsBytes(request -> request.bucket(BUCKET).key("media/" + stored.key() + "/" + width + ".jpg"))
                .asByteArray();
        var served = mvc.perform(get(stored.url(width)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(served.getContentAsByteArray()).isEqualTo(object);
        assertThat(served.getContentType()).isEqualTo("image/jpeg");
        assertThat(served.getHeader("Cache-Control")).contains("immutable").contains("max-age=31536000");
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(object))
                        .getFirstDirectoryOfType(GpsDirectory.class))
                .isNull();
    }

    @Test
    void aPictureTheBucketDoesNotHoldIsNotFound() throws Exception {
        mvc.perform(get("/media/" + HexFormat.of().formatHex(new byte[16]) + "/640.jpg"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/media/../../etc/passwd")).andExpect(status().is4xxClientError());
    }

    @Test
    void theMoveCommandCopiesTheMediaFolderIntoTheBucketOnce() throws Exception {
        String key = UUID.randomUUID().toString().replace("-", "");
        var picture = Files.createDirectories(MediaLibrary.folder(settings).resolve(key));
        byte[] small = TestImages.encode(320, 200, "jpg");
        Files.write(picture.resolve("320.jpg"), small);
        Files.write(picture.resolve("640.jpg"), TestImages.encode(640, 400, "jpg"));

        var first = command.moveToBucket((MediaBucket) library.store());
        var again = command.moveToBucket((MediaBucket) library.store());

        assertThat(first.copied()).isGreaterThanOrEqualTo(2);
        assertThat(again.copied()).isZero();
        assertThat(again.present()).isEqualTo(first.copied() + first.present());
        byte[] served = mvc.perform(get("/media/" + key + "/320.jpg"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(served).isEqualTo(small);
    }
}
