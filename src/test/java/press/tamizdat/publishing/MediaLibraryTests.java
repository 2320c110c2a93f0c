package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Uploads are re-encoded without metadata; bad uploads are refused and leave nothing behind. */
@SpringBootTest(properties = "tamizdat.media.max-upload-size=2MB")
class MediaLibraryTests {

    @Autowired
    MediaLibrary media;

    @Autowired
    JdbcClient db;

    static List<String> directoryNames(byte[] image) throws Exception {
        var names = new java.util.ArrayList<String>();
        for (Directory directory : ImageMetadataReader.readMetadata(new ByteArrayInputStream(image))
                .getDirectories()) {
            names.add(directory.getName());
        }
        return names;
    }

    List<Path> storedFiles() throws IOException {
        try (var files = Files.walk(((MediaFolder) media.store()).root())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    long mediaRows() {
        return db.sql("SELECT COUNT(*) FROM media").query(Long.class).single();
    }

    @Test
    void jpegWithGpsComesOutWithNoExifAtAll() throws Exception {
        byte[] upload = TestImages.jpegWithGpsAndCamera(55.7558, 37.6173);
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(upload))
                        .getFirstDirectoryOfType(GpsDirectory.class))
                .as("the test photo carries GPS")
                .isNotNull();

        var stored = media.store(upload, 1);

        for (int width : stored.widths()) {
            byte[] rendition = Files.readAllBytes(
                    ((MediaFolder) media.store()).root().resolve(stored.key()).resolve(width + ".jpg"));
            assertThat(directoryNames(rendition))
                    .as("metadata of the %dpx rendition", width)
                    .noneMatch(name ->
                            name.toLowerCase(Locale.ROOT).matches(".*(exif|gps|xmp|iptc|icc|photoshop|makernote).*"));
            assertThat(new String(rendition, StandardCharsets.ISO_8859_1)).doesNotContain("SourceCam", "serial 0042");
        }
    }

    @Test
    void generatesResponsiveWidthsUpToTheOriginal() throws Exception {
        var stored = media.store(TestImages.encode(1000, 500, "png"), 1);

        assertThat(stored.widths()).containsExactly(320, 640, 960, 1000);
        var smallest = ImageIO.read(((MediaFolder) media.store())
                .root()
                .resolve(stored.key())
                .resolve("320.jpg")
                .toFile());
        assertThat(smallest.getWidth()).isEqualTo(320);
        assertThat(smallest.getHeight()).isEqualTo(160);
    }

    @Test
    void acceptsWebpAndServesItAsJpeg() throws Exception {
        byte[] webp;
        try (var in = getClass().getResourceAsStream("/images/gradient-96x64.webp")) {
            webp = in.readAllBytes();
        }

        var stored = media.store(webp, 1);

        assertThat(stored.format()).isEqualTo("jpeg");
        assertThat(stored.widths()).containsExactly(96);
        var decoded = ImageIO.read(((MediaFolder) media.store())
                .root()
                .resolve(stored.key())
                .resolve("96.jpg")
                .toFile());
        assertThat(decoded.getWidth()).isEqualTo(96);
        assertThat(decoded.getHeight()).isEqualTo(64);
    }

    @Test
    void refusesWhatIsNotAnImage() throws Exception {
        assertRefusedWithoutTrace(
                "%PDF-1.7 not a picture at all".getBytes(StandardCharsets.US_ASCII), "media.error.not-an-image");
    }

    @Test
    void refusesAnImageFormatWeDoNotServe() throws Exception {
        assertRefusedWithoutTrace(TestImages.encode(40, 40, "gif"), "media.error.format");
    }

    @Test
    void refusesATruncatedJpeg() throws Exception {
        assertRefusedWithoutTrace(TestImages.truncated(TestImages.encode(800, 600, "jpg")), "media.error.damaged");
    }

    @Test
    void refusesATruncatedPng() throws Exception {
        assertRefusedWithoutTrace(TestImages.truncated(TestImages.encode(800, 600, "png")), "media.error.damaged");
    }

    @Test
    void refusesADecompressionBombBeforeDecodingIt() throws Exception {
        assertRefusedWithoutTrace(TestImages.decompressionBomb(), "media.error.too-many-pixels");
    }

    @Test
    void refusesAnUploadOverTheConfiguredSize() throws Exception {
        assertRefusedWithoutTrace(new byte[3 * 1024 * 1024], "media.error.too-large");
    }

    @Test
    void refusesAnEmptyUpload() throws Exception {
        assertRefusedWithoutTrace(new byte[0], "media.error.empty");
    }

    void assertRefusedWithoutTrace(byte[] upload, String messageKey) throws Exception {
        var filesBefore = storedFiles();
        long rowsBefore = mediaRows();

        assertThatThrownBy(() -> media.store(upload, 1))
                .isInstanceOf(MediaRejected.class)
                .hasMessage(messageKey);

        assertThat(storedFiles()).isEqualTo(filesBefore);
        assertThat(mediaRows()).isEqualTo(rowsBefore);
    }
}
