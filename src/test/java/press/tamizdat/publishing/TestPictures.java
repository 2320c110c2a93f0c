package press.tamizdat.publishing;

/** Test pictures for tests outside this package. */
public final class TestPictures {

    private TestPictures() {}

    /** A JPEG as a phone writes it, with GPS coordinates and the camera's make and model. */
    public static byte[] phoneJpeg() {
        return TestImages.jpegWithGpsAndCamera(59.93, 30.33);
    }
}
