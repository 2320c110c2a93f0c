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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

    /**
     * Decoding and re-encoding holds the decoded image and about one working copy of it (turned
     * upright, scaled, converted): the memory one upload needs is this many times its raster.
     */
    static final int WORKING_COPIES = 3;

    private final long maxPixels;
    /** The memory all decodes together may hold, in MiB; each takes its share before it starts. */
    private final Semaphore budget;

    private final int budgetMiB;

    ImageRecoder(long maxPixels) {
        this(maxPixels, Runtime.getRuntime().maxMemory() / 3);
    }

    /** With {@code budgetBytes} for all decodes at once: a third of the heap by default. */
    ImageRecoder(long maxPixels, long budgetBytes) {
        this.maxPixels = maxPixels;
        this.budgetMiB = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes >> 20));
        this.budget = new Semaphore(budgetMiB, true);
        ImageIO.scanForPlugins();
    }

    /** One re-encoded image per requested width (never wider than the original). */
    record Recoded(String format, int width, int height, List<Rendition> renditions) {}

    record Rendition(int width, byte[] bytes) {}

    /**
     * Re-encodes an upload once its share of the decoding budget is free: its raster (pixels times
     * bytes per pixel, read from the header before anything is decoded) and the working copies. An
     * upload that needs more than the whole budget is refused; one that must wait too long for
     * others to finish is refused with a message to try again.
     */
    Recoded recode(byte[] upload, List<Integer> widths) {
        int share = shareMiB(upload);
        if (share > budgetMiB) {
            throw new MediaRejected("media.error.too-many-pixels");
        }
        try {
            if (!budget.tryAcquire(share, 60, TimeUnit.SECONDS)) {
                throw new MediaRejected("media.error.busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaRejected("media.error.busy");
        }
        try {
            return recodeWithinBudget(upload, widths);
        } finally {
            budget.release(share);
        }
    }

    /** The MiB an upload needs while it is recoded, from its header alone. */
    private int shareMiB(byte[] upload) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            var readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new MediaRejected("media.error.not-an-image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > maxPixels) {
                    throw new MediaRejected("media.error.too-many-pixels");
                }
                long bytes = pixels * bytesPerPixel(reader) * WORKING_COPIES;
                return (int) Math.min(Integer.MAX_VALUE, (bytes >> 20) + 1);
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

    /** What one pixel takes once decoded: its bands' bits, rounded up to bytes per band; the most a format can mean when unknown. */
    private static long bytesPerPixel(ImageReader reader) throws IOException {
        var type = reader.getRawImageType(0);
        if (type == null) {
            return 8;
        }
        var model = type.getSampleModel();
        long bytes = 0;
        for (int band = 0; band < model.getNumBands(); band++) {
            bytes += (model.getSampleSize(band) + 7) / 8;
        }
        // a packed or indexed raster is stored in a whole int per pixel by the decoder at most
        return Math.max(bytes, 4);
    }

    private Recoded recodeWithinBudget(byte[] upload, List<Integer> widths) {
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
