package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Pictures are budgeted by the memory their decoding takes (pixels × bytes per pixel × working
 * copies), not by their pixels alone, and uploads share one budget: a 16-bit 7000×7000 PNG of a
 * few hundred kilobytes is 392 MB decoded, and two of them at once exhausted the heap.
 */
class DecodingBudgetTests {

    static final long PIXEL_LIMIT = 50_000_000;

    @Test
    void aSixteenBitPictureIsMeasuredByItsBytesBeforeItIsDecoded() {
        byte[] upload = TestImages.sixteenBitRgba(7_000);
        // under the pixel limit, over a budget of 1 GiB: 7000 × 7000 × 8 bytes × 3 copies
        var recoder = new ImageRecoder(PIXEL_LIMIT, 1L << 30);

        assertThat(upload.length).isLessThan(2_000_000);
        assertThatThrownBy(() -> recoder.recode(upload, List.of(640)))
                .isInstanceOfSatisfying(
                        MediaRejected.class,
                        rejected -> assertThat(rejected.messageKey()).isEqualTo("media.error.too-many-pixels"));
    }

    @Test
    void uploadsThatFitTheBudgetOnlyOneAtATimeWaitForEachOtherAndAllFinish() throws Exception {
        // each needs 1000 × 1000 × 8 × 3 bytes, about 23 MiB; the budget holds one
        var recoder = new ImageRecoder(PIXEL_LIMIT, 40L << 20);
        byte[] upload = TestImages.sixteenBitRgba(1_000);

        var results = new ArrayList<Future<ImageRecoder.Recoded>>();
        try (var uploads = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                results.add(uploads.submit(() -> recoder.recode(upload, List.of(320))));
            }
        }

        for (var result : results) {
            assertThat(result.get().width()).isEqualTo(1_000);
        }
    }
}
