package press.tamizdat.publishing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Pictures made for tests, including hostile ones. */
final class TestImages {

    private TestImages() {}

    static byte[] encode(int width, int height, String format) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        var bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A JPEG as a phone writes it: camera make and model, and where it was taken. */
    static byte[] jpegWithGpsAndCamera(double latitude, double longitude) {
        try {
            var output = new TiffOutputSet();
            output.setGpsInDegrees(longitude, latitude);
            var root = output.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_MAKE, "SourceCam");
            root.add(TiffTagConstants.TIFF_TAG_MODEL, "Model 7 serial 0042");
            var bytes = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(encode(1600, 1200, "jpg"), bytes, output);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tiny PNG whose header claims an enormous picture: decoding it would exhaust memory. */
    static byte[] decompressionBomb() {
        byte[] png = encode(8, 8, "png");
        // IHDR data starts at byte 16: width (4 bytes), height (4 bytes); its CRC follows the 13 data bytes
        ByteBuffer buffer = ByteBuffer.wrap(png);
        buffer.putInt(16, 60_000);
        buffer.putInt(20, 60_000);
        var crc = new CRC32();
        crc.update(png, 12, 4 + 13);
        buffer.putInt(29, (int) crc.getValue());
        return png;
    }

    static byte[] truncated(byte[] image) {
        return Arrays.copyOf(image, image.length / 2);
    }
}
