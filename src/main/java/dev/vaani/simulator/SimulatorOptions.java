package dev.vaani.simulator;

import dev.vaani.platform.secrets.LocalSecret;
import dev.vaani.platform.secrets.LocalSecretLookup;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * How to place the simulated call. Defaults follow a real Exotel Voicebot call: 8 kHz, 100 ms media messages,
 * snake_case keys.
 *
 * @param chunkMs                   caller media message length; Exotel sends about 100 ms
 * @param camelCaseKeys             send {@code streamSid}/{@code callSid}/... instead of the documented snake_case
 * @param echoMarksOnClear          on {@code clear}, echo the marks whose audio was dropped (Twilio does this;
 *                                  Exotel does not document it). Off means such marks are silently discarded.
 * @param clearFinishesPlayingChunk Exotel says clear "only removes audio that hasn't started playing yet", so the
 *                                  chunk being played finishes; off stops playback at once
 * @param silenceNoise              peak amplitude of the noise sent while the caller is silent; 0 sends zeros
 * @param utteranceGapMs            playback gap that ends a bot utterance when the server sent no mark
 * @param basicAuth                 {@code user:password} for an {@code Authorization: Basic} header, or null
 * @param token                     appended as a {@code token} query parameter, or null; when neither this nor
 *                                  basicAuth is given, the media secret of a server on this machine is used
 *                                  (MEDIA_SECRET, .env, or the one it generated in the data folder)
 * @param recording                 where to write the stereo WAV (left caller, right bot), or null
 * @param noiseDbfs                 steady background noise mixed into everything the caller sends, at this RMS
 *                                  level in dBFS (e.g. -32), or NaN for none
 * @param noiseBed                  the noise to loop at {@code noiseDbfs}; null generates steady rumble
 */
public record SimulatorOptions(
        URI url,
        String leadId,
        String campaignId,
        String from,
        String to,
        int sampleRate,
        int chunkMs,
        boolean camelCaseKeys,
        boolean echoMarksOnClear,
        boolean clearFinishesPlayingChunk,
        int silenceNoise,
        long utteranceGapMs,
        String basicAuth,
        String token,
        Path recording,
        String callSid,
        String streamSid,
        String accountSid,
        double noiseDbfs,
        AudioClip noiseBed) {

    public static final URI DEFAULT_URL = URI.create("ws://localhost:8080/media");
    public static final Set<Integer> SAMPLE_RATES = Set.of(8000, 16000, 24000);

    public SimulatorOptions {
        if (!SAMPLE_RATES.contains(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be 8000, 16000 or 24000, not " + sampleRate);
        }
        if (chunkMs < 20 || chunkMs % 20 != 0) {
            throw new IllegalArgumentException("chunk length must be a positive multiple of 20 ms, not " + chunkMs);
        }
        String scheme = url == null ? null : url.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("URL must start with ws:// or wss://, not " + url);
        }
        if (noiseDbfs > 0) {
            throw new IllegalArgumentException("noise level is in dBFS, at most 0, not " + noiseDbfs);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url; b.leadId = leadId; b.campaignId = campaignId; b.from = from; b.to = to;
        b.sampleRate = sampleRate; b.chunkMs = chunkMs; b.camelCaseKeys = camelCaseKeys;
        b.echoMarksOnClear = echoMarksOnClear; b.clearFinishesPlayingChunk = clearFinishesPlayingChunk;
        b.silenceNoise = silenceNoise; b.utteranceGapMs = utteranceGapMs; b.basicAuth = basicAuth; b.token = token;
        b.recording = recording; b.callSid = callSid; b.streamSid = streamSid; b.accountSid = accountSid;
        b.localSecret = false; // the credentials are copied as they were
        b.noiseDbfs = noiseDbfs; b.noiseBed = noiseBed;
        return b;
    }

    int bytesPerMs() {
        return sampleRate * 2 / 1000;
    }

    public static final class Builder {
        private URI url = DEFAULT_URL;
        private String leadId;
        private String campaignId;
        private String from = "+919876543210";
        private String to = "+918047491899";
        private int sampleRate = 8000;
        private int chunkMs = 100;
        private boolean camelCaseKeys;
        private boolean echoMarksOnClear = true;
        private boolean clearFinishesPlayingChunk = true;
        private int silenceNoise;
        private long utteranceGapMs = 700;
        private String basicAuth;
        private String token;
        private Path recording;
        private String callSid;
        private String streamSid;
        private String accountSid = "ACsimulator";
        private boolean localSecret = true;
        private double noiseDbfs = Double.NaN;
        private AudioClip noiseBed;

        public Builder url(URI v) { url = v; return this; }
        public Builder url(String v) { return url(URI.create(v)); }
        public Builder leadId(String v) { leadId = v; return this; }
        public Builder campaignId(String v) { campaignId = v; return this; }
        public Builder from(String v) { from = v; return this; }
        public Builder to(String v) { to = v; return this; }
        public Builder sampleRate(int v) { sampleRate = v; return this; }
        public Builder chunkMs(int v) { chunkMs = v; return this; }
        public Builder camelCaseKeys(boolean v) { camelCaseKeys = v; return this; }
        public Builder echoMarksOnClear(boolean v) { echoMarksOnClear = v; return this; }
        public Builder clearFinishesPlayingChunk(boolean v) { clearFinishesPlayingChunk = v; return this; }
        public Builder silenceNoise(int v) { silenceNoise = v; return this; }
        public Builder utteranceGapMs(long v) { utteranceGapMs = v; return this; }
        public Builder basicAuth(String userColonPassword) { basicAuth = userColonPassword; return this; }
        public Builder token(String v) { token = v; return this; }
        public Builder recording(Path v) { recording = v; return this; }
        public Builder callSid(String v) { callSid = v; return this; }
        public Builder streamSid(String v) { streamSid = v; return this; }
        public Builder accountSid(String v) { accountSid = v; return this; }
        /** Send no credentials at all, not even the local server's media secret (to see the server refuse). */
        public Builder withoutCredentials() { localSecret = false; token = null; basicAuth = null; return this; }
        public Builder noiseDbfs(double v) { noiseDbfs = v; return this; }
        public Builder noiseBed(AudioClip v) { noiseBed = v; return this; }

        public SimulatorOptions build() {
            String credential = token;
            if (credential == null && basicAuth == null && localSecret) {
                credential = LocalSecretLookup.fromThisProcess().find(LocalSecret.MEDIA_SECRET).orElse(null);
            }
            return new SimulatorOptions(url, leadId, campaignId, from, to, sampleRate, chunkMs, camelCaseKeys,
                    echoMarksOnClear, clearFinishesPlayingChunk, silenceNoise, utteranceGapMs, basicAuth, credential,
                    recording, callSid, streamSid, accountSid, noiseDbfs, noiseBed);
        }
    }
}
