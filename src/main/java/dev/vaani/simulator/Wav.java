package dev.vaani.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Minimal RIFF/WAVE codec for 16-bit PCM. The simulator only ever needs linear PCM, so anything else is rejected
 * with a message that says what was found, rather than being played as noise.
 */
public final class Wav {

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    /** The parsed header fields plus the raw little-endian sample bytes of the {@code data} chunk. */
    public record WavAudio(int sampleRate, int channels, int bitsPerSample, byte[] data) {
        public long durationMs() {
            return data.length * 1000L / ((long) sampleRate * channels * (bitsPerSample / 8));
        }
    }

    private Wav() {
    }

    /** Parses any PCM WAV; walks the chunk list because real files carry LIST/fact chunks before {@code data}. */
    public static WavAudio parse(byte[] file, String name) {
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || !tag(buf, 0).equals("RIFF") || !tag(buf, 8).equals("WAVE")) {
            throw new IllegalArgumentException(name + " is not a WAV file (no RIFF/WAVE header)");
        }
        int pos = 12;
        Integer format = null;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= file.length) {
            String id = tag(buf, pos);
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw new IllegalArgumentException(name + ": fmt chunk too short");
                }
                format = Short.toUnsignedInt(buf.getShort(body));
                channels = Short.toUnsignedInt(buf.getShort(body + 2));
                rate = buf.getInt(body + 4);
                bits = Short.toUnsignedInt(buf.getShort(body + 14));
                if (format == WAVE_FORMAT_EXTENSIBLE && size >= 26) {
                    format = Short.toUnsignedInt(buf.getShort(body + 24)); // first two bytes of the sub-format GUID
                }
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new IllegalArgumentException(name + ": data chunk before fmt chunk");
                }
                if (format != WAVE_FORMAT_PCM) {
                    throw new IllegalArgumentException(name + ": WAV format " + format
                            + " is not supported; only linear PCM (format 1) is");
                }
                // Streaming writers leave the size as 0 or 0xFFFFFFFF; take what is there.
                long available = file.length - body;
                int length = (int) (size == 0 || size > available ? available : size);
                byte[] data = new byte[length];
                System.arraycopy(file, body, data, 0, length);
                return new WavAudio(rate, channels, bits, data);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are word aligned
        }
        throw new IllegalArgumentException(name + ": no data chunk");
    }

    /** Reads a 16-bit mono PCM WAV, the only kind a caller clip may be. */
    public static WavAudio readMono16(byte[] file, String name) {
        WavAudio audio = parse(file, name);
        if (audio.channels() != 1 || audio.bitsPerSample() != 16) {
            throw new IllegalArgumentException(name + ": need 16-bit mono PCM, found " + audio.bitsPerSample()
                    + "-bit " + audio.channels() + "-channel (convert with: sox in.wav -r 8000 -c 1 -b 16 out.wav)");
        }
        return audio;
    }

    public static byte[] encode(int sampleRate, int channels, byte[] pcm16le) {
        ByteBuffer buf = ByteBuffer.allocate(44 + pcm16le.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm16le.length);
        buf.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        buf.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        buf.putShort((short) WAVE_FORMAT_PCM).putShort((short) channels).putInt(sampleRate);
        buf.putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        buf.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm16le.length).put(pcm16le);
        return buf.array();
    }

    public static void write(Path path, int sampleRate, int channels, byte[] pcm16le) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(path, encode(sampleRate, channels, pcm16le));
    }

    private static String tag(ByteBuffer buf, int at) {
        byte[] b = new byte[4];
        buf.get(at, b);
        return new String(b, StandardCharsets.US_ASCII);
    }
}
