package press.tamizdat.platform;

import java.util.List;

/**
 * What a module keeps sealed or keyed under one of the site's keys, sealed again under a new key
 * when the key is rotated ({@link KeyRotation}). Every module that loads a key through
 * {@link Keys#load} and keeps something made with it in the database has one.
 */
public interface Resealing {

    /** The key's setting, as the module loads it ({@code TAMIZDAT_SUPPORT_KEY}, say). */
    String setting();

    /**
     * Seals again under {@code newKey} what {@code oldKey} sealed, inside the rotation's one
     * transaction, and ends what cannot be sealed again (a keyed hash of a value nobody kept);
     * says what it did, a line each, for the operator.
     */
    List<String> reseal(byte[] oldKey, byte[] newKey);
}
