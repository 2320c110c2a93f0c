package press.tamizdat.publishing;

import java.util.Map;
import java.util.Optional;

/**
 * Where the pictures' files live: a folder of the data directory (the embedded default), or an
 * S3-compatible bucket every node reads ({@code TAMIZDAT_MEDIA_BUCKET}). A picture is a key and the
 * files of its widths ({@code 640.jpg}...), written once and never changed.
 */
sealed interface MediaStore permits MediaFolder, MediaBucket {

    /** Stores every file of one picture; on failure none is left. */
    void put(String key, Map<String, byte[]> files);

    /** One file of a picture, if it is stored. */
    Optional<byte[]> read(String key, String file);

    /** Removes a picture's files (its record was not made after all). */
    void delete(String key);
}
