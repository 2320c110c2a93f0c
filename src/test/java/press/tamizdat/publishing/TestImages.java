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

    /**
     * A PNG of {@code size}×{@code size} pixels, 16 bits per channel with alpha (8 bytes a pixel
     * once decoded), all one colour: a few hundred kilobytes for a 7000×7000 picture of 392 MB.
     * Written row by row, so the test never holds the raster.
     */
    static byte[] sixteenBitRgba(int size) {
        try {
            var png = new java.io.ByteArrayOutputStream();
            png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            var header = ByteBuffer.allocate(13)
                    .putInt(size)
                    .putInt(size)
                    .put((byte) 16)
                    .put((byte) 6);
            chunk(png, "IHDR", Arrays.copyOf(header.array(), 13));
            var data = new java.io.ByteArrayOutputStream();
            try (var deflate = new java.util.zip.DeflaterOutputStream(data)) {
                byte[] row = new byte[1 + size * 8];
                java.util.Arrays.fill(row, 1, row.length, (byte) 0x40);
                for (int y = 0; y < size; y++) {
                    deflate.write(row);
                }
            }
            chunk(png, "IDAT", data.toByteArray());
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (java.io.IOException inMemory) {
            throw new java.io.UncheckedIOException(inMemory);
        }
    }

    private static void chunk(java.io.ByteArrayOutputStream png, String type, byte[] data) throws java.io.IOException {
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        png.write(name);
        png.write(data);
        var crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
