package press.tamizdat.publishing;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Decodes an upload completely and encodes it anew, so nothing of the original file — EXIF, GPS,
 * camera serials, XMP, comments — reaches the public. Refuses what is not a JPEG, PNG or WebP,
 * what is truncated, and what would decompress to more pixels than allowed, before decoding it.
 */
class ImageRecoder {

    private static final Set<String> ACCEPTED = Set.of("jpeg", "png", "webp");
    private static final float JPEG_QUALITY = 0.82f;

    private final long maxPixels;

    ImageRecoder(long maxPixels) {
        this.maxPixels = maxPixels;
        ImageIO.scanForPlugins();
    }

    /** One re-encoded image per requested width (never wider than the original). */
    record Recoded(String format, int width, int height, List<Rendition> renditions) {}

    record Rendition(int width, byte[] bytes) {}

    Recoded recode(byte[] upload, List<Integer> widths) {
        BufferedImage image = upright(decode(upload), orientation(upload));
        boolean alpha = image.getColorModel().hasAlpha();
        String format = alpha ? "png" : "jpeg";
        var renditions = new ArrayList<Rendition>();
        for (int width : widths.stream().sorted().toList()) {
            if (width < image.getWidth()) {
                renditions.add(new Rendition(width, encode(scale(image, width), format)));
            }
        }
        renditions.add(new Rendition(image.getWidth(), encode(image, format)));
        return new Recoded(format, image.getWidth(), image.getHeight(), List.copyOf(renditions));
    }

    private BufferedImage decode(byte[] upload) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            var readers = ImageIO.getImageReaders(input);
            if (input == null || !readers.hasNext()) {
                throw new MediaRejected("media.error.not-an-image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!ACCEPTED.contains(format.equals("jpg") ? "jpeg" : format)) {
                    throw new MediaRejected("media.error.format");
                }
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > maxPixels) {
                    throw new MediaRejected("media.error.too-many-pixels");
                }
                var warnings = new ArrayList<String>();
                reader.addIIOReadWarningListener((IIOReadWarningListener) (source, warning) -> warnings.add(warning));
                ImageReadParam param = reader.getDefaultReadParam();
                BufferedImage image = reader.read(0, param);
                if (!warnings.isEmpty() || isTruncated(upload, format)) {
                    throw new MediaRejected("media.error.damaged");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MediaRejected rejected) {
                throw rejected;
            }
            throw new MediaRejected("media.error.damaged");
        }
    }

    /** JPEG decoders fill a cut-off file with grey rather than fail; a JPEG must end with its EOI marker. */
    private static boolean isTruncated(byte[] upload, String format) {
        if (!format.equals("jpeg") && !format.equals("jpg")) {
            return false;
        }
        int end = upload.length;
        while (end > 2 && upload[end - 1] == 0) {
            end--;
        }
        return end < 2 || (upload[end - 2] & 0xFF) != 0xFF || (upload[end - 1] & 0xFF) != 0xD9;
    }

    private static int orientation(byte[] upload) {
        try {
            var directory = ImageMetadataReader.readMetadata(new ByteArrayInputStream(upload))
                    .getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (directory != null && directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return directory.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception unreadable) {
            // no usable orientation: keep the pixels as they are
        }
        return 1;
    }

    /** Applies the camera's orientation to the pixels, since the tag that carried it is dropped. */
    private static BufferedImage upright(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        var transform = new AffineTransform();
        switch (orientation) {
            case 3 -> {
                transform.translate(w, h);
                transform.rotate(Math.PI);
            }
            case 6 -> {
                transform.translate(h, 0);
                transform.rotate(Math.PI / 2);
            }
            case 8 -> {
                transform.translate(0, w);
                transform.rotate(-Math.PI / 2);
            }
            default -> {
                return image;
            }
        }
        boolean quarter = orientation == 6 || orientation == 8;
        var target = new BufferedImage(
                quarter ? h : w,
                quarter ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        return new AffineTransformOp(transform, AffineTransformOp.TYPE_BICUBIC).filter(image, target);
    }

    private static BufferedImage scale(BufferedImage image, int width) {
        try {
            return Thumbnails.of(image).width(width).asBufferedImage();
        } catch (IOException e) {
            throw new MediaRejected("media.error.damaged");
        }
    }

    /** Encodes pixels only: no metadata object is passed to the writer, so none is written. */
    private static byte[] encode(BufferedImage image, String format) {
        BufferedImage pixels = format.equals("jpeg") ? opaque(image) : image;
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        var bytes = new ByteArrayOutputStream();
        try (var output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("Could not encode an image in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        var rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }
}
