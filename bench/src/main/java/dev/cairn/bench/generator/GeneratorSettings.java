package dev.cairn.bench.generator;

/**
 * What to generate: a seed and a size factor applied to every byte budget and file count of the
 * full-size (~2 GiB) install.
 *
 * @param seed  the seed every random stream derives from
 * @param scale the size factor, {@code 1.0} for the full install; must be in (0, 16]
 */
public record GeneratorSettings(long seed, double scale) {

    public GeneratorSettings {
        if (!(scale > 0 && scale <= 16)) {
            throw new IllegalArgumentException("scale must be in (0, 16], was " + scale);
        }
    }

    /** {@return {@code fullSize} bytes scaled, at least {@code minimum}} */
    public long bytes(long fullSize, long minimum) {
        return Math.max(minimum, Math.round(fullSize * scale));
    }

    /** {@return {@code fullCount} scaled, at least {@code minimum}} */
    public int count(int fullCount, int minimum) {
        return (int) Math.max(minimum, Math.round(fullCount * scale));
    }

    /** {@return an independent seed for one component, so that components do not shift each other} */
    public long seedFor(String component) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (int i = 0; i < component.length(); i++) {
            h = (h ^ component.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }
}
