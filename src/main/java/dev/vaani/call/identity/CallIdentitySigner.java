package dev.vaani.call.identity;

import dev.vaani.call.CallProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signs a call's identity into the stream parameter {@value #PARAMETER} and checks it when the stream starts:
 * {@code v1.<lead>.<campaign>.<attempt>.<call sid>.<expiry epoch s>.<HMAC-SHA256, base64url>} (empty fields for
 * what is unknown), about 90 characters, well inside Exotel's 256 for all custom parameters.
 * <p>
 * The key is derived from MEDIA_SECRET when it is set (so every instance behind one load balancer agrees), else it
 * is a random key generated once into the data folder, readable only by its owner. Either way it is a key of its
 * own: knowing a signature says nothing about the media secret.
 */
@Component
public class CallIdentitySigner {

    /** The custom parameter that carries the signed identity. */
    public static final String PARAMETER = "vaani_call";
    /** How long a signed identity is believed: ringing, Exotel's queue and a slow answer fit well inside. */
    public static final Duration VALIDITY = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(CallIdentitySigner.class);
    private static final String VERSION = "v1";
    private static final String KEY_FILE = "call-identity-key";

    private final SecretKeySpec key;
    private final Clock clock;

    @Autowired
    public CallIdentitySigner(CallProperties call, @Value("${vaani.data-dir:data}") String dataDirectory, Clock clock) {
        this(resolveKey(call.mediaSecret(), Path.of(dataDirectory)), clock);
    }

    /** For tests: a fixed key and clock. */
    public CallIdentitySigner(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.clock = clock;
    }

    /** A new identity for a call starting now, valid for {@link #VALIDITY}. */
    public String sign(Long leadId, Long campaignId, Long scheduledCallId, String callSid) {
        return sign(new CallIdentity(leadId, campaignId, scheduledCallId, callSid, clock.instant().plus(VALIDITY)));
    }

    public String sign(CallIdentity identity) {
        String payload = String.join(".", VERSION, text(identity.leadId()), text(identity.campaignId()),
                text(identity.scheduledCallId()), identity.callSid() == null ? "" : identity.callSid(),
                Long.toString(identity.expiresAt().getEpochSecond()));
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(payload));
    }

    /**
     * Checks a stream's identity parameter.
     *
     * @param token   the parameter's value, or null when the stream sent none
     * @param callSid the call sid of the stream's start event
     */
    public IdentityCheck verify(String token, String callSid) {
        if (token == null || token.isBlank()) {
            return new IdentityCheck.Absent();
        }
        int lastDot = token.lastIndexOf('.');
        String[] fields = lastDot < 0 ? new String[0] : token.substring(0, lastDot).split("\\.", -1);
        if (fields.length != 6 || !VERSION.equals(fields[0]) || token.length() > 200) {
            return new IdentityCheck.Refused("malformed");
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        } catch (IllegalArgumentException e) {
            return new IdentityCheck.Refused("malformed");
        }
        // constant time: how long the comparison takes says nothing about how much of a forgery was right
        if (!MessageDigest.isEqual(mac(token.substring(0, lastDot)), presented)) {
            return new IdentityCheck.Refused("tampered");
        }
        CallIdentity identity;
        try {
            identity = new CallIdentity(number(fields[1]), number(fields[2]), number(fields[3]),
                    fields[4].isEmpty() ? null : fields[4], Instant.ofEpochSecond(Long.parseLong(fields[5])));
        } catch (RuntimeException e) {
            return new IdentityCheck.Refused("malformed"); // signed by us, so only a bug gets here; refuse anyway
        }
        if (!clock.instant().isBefore(identity.expiresAt())) {
            return new IdentityCheck.Refused("expired");
        }
        if (identity.callSid() != null && !identity.callSid().equals(callSid)) {
            return new IdentityCheck.Refused("other_call");
        }
        return new IdentityCheck.Trusted(identity);
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String text(Long value) {
        return value == null ? "" : value.toString();
    }

    private static Long number(String value) {
        return value.isEmpty() ? null : Long.valueOf(value);
    }

    /** HMAC(media secret, purpose) when MEDIA_SECRET is set; else the data folder's generated key. */
    static byte[] resolveKey(String mediaSecret, Path dataDirectory) {
        if (mediaSecret != null && !mediaSecret.isBlank()) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(mediaSecret.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac.doFinal("vaani call identity v1".getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        Path file = dataDirectory.resolve(KEY_FILE).toAbsolutePath().normalize();
        try {
            if (Files.isRegularFile(file)) {
                byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
                if (stored.length >= 32) {
                    return stored;
                }
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(generated) + System.lineSeparator());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            log.info("Call identity key generated in {}", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the call identity key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The call identity key " + file + " is not base64; delete it to make a new one", e);
        }
    }
}
