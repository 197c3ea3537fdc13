package dev.cairn.engine.repository.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CourtesyTest {

    @Test
    void slicesCoverTheRangeInOrderAndNoneIsLargerThanTheSliceSize() {
        byte[] data = new byte[Courtesy.SLICE_BYTES * 3 + 1234];
        new SplittableRandom(5).nextBytes(data);
        int off = 77;
        int len = data.length - off - 10;
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        List<Integer> lengths = new ArrayList<>();
        Courtesy.sliced(data, off, len, (b, o, l) -> {
            seen.write(b, o, l);
            lengths.add(l);
        });
        assertArrayEquals(java.util.Arrays.copyOfRange(data, off, off + len), seen.toByteArray());
        assertEquals(4, lengths.size(), "three whole slices and the rest");
        assertTrue(lengths.stream().allMatch(l -> l > 0 && l <= Courtesy.SLICE_BYTES), lengths::toString);
    }

    @Test
    void aSlicedDigestEqualsTheDigestInOneCall() throws Exception {
        byte[] data = new byte[(1 << 20) + 3];
        new SplittableRandom(9).nextBytes(data);
        MessageDigest sliced = MessageDigest.getInstance("SHA-256");
        Courtesy.sliced(data, 0, data.length, sliced::update);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), sliced.digest());
    }

    @Test
    void anEmptyRangeDoesNoWork() {
        List<Integer> calls = new ArrayList<>();
        Courtesy.sliced(new byte[8], 3, 0, (b, o, l) -> calls.add(l));
        assertTrue(calls.isEmpty(), calls::toString);
    }
}
