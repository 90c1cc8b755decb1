package dev.vaani.audio;

/**
 * One call's windows waiting for the model, oldest first, each with its window number and whether the model's memory
 * of the call is cleared before it. A ring of reused buffers, so queueing a window allocates nothing once the ring has
 * grown to how far inference lags. Not thread-safe: its {@link SileroBatcher.Stream} guards it.
 */
final class WaitingWindows {

    private final int windowSamples;
    private float[][] windows = new float[8][];
    private long[] numbers = new long[8];
    private boolean[] fresh = new boolean[8];
    private int head;
    private int count;

    WaitingWindows(int windowSamples) {
        this.windowSamples = windowSamples;
    }

    /** Copies a window of {@code windowSamples} samples from {@code offset}; grows only if inference falls behind. */
    void add(float[] samples, int offset, long number, boolean freshModel) {
        if (count == windows.length) {
            grow();
        }
        int at = (head + count) % windows.length;
        if (windows[at] == null) {
            windows[at] = new float[windowSamples];
        }
        System.arraycopy(samples, offset, windows[at], 0, windowSamples);
        numbers[at] = number;
        fresh[at] = freshModel;
        count++;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Whether the model's memory of the call is to be cleared before the oldest window. */
    boolean oldestIsFresh() {
        return fresh[head];
    }

    /** Copies the oldest window into {@code into} from {@code at} and returns its number; its buffer is reused. */
    long takeOldest(float[] into, int at) {
        System.arraycopy(windows[head], 0, into, at, windowSamples);
        long number = numbers[head];
        head = (head + 1) % windows.length;
        count--;
        return number;
    }

    void clear() {
        count = 0;
    }

    private void grow() {
        int size = windows.length * 2;
        float[][] grownWindows = new float[size][];
        long[] grownNumbers = new long[size];
        boolean[] grownFresh = new boolean[size];
        for (int i = 0; i < count; i++) {
            int from = (head + i) % windows.length;
            grownWindows[i] = windows[from];
            grownNumbers[i] = numbers[from];
            grownFresh[i] = fresh[from];
        }
        windows = grownWindows;
        numbers = grownNumbers;
        fresh = grownFresh;
        head = 0;
    }
}
