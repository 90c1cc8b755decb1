package dev.vaani.platform.secrets;

/**
 * A shared secret presented wrong to a check Spring Security does not make (the media stream's WebSocket handshake,
 * which checks before any call state exists), published so such failures count towards the caller's lockout like
 * any other (dev.vaani.platform.security.FailedAuthentications).
 *
 * @param address the caller's address, as the request gives it
 * @param secret  which secret, for the log: "media secret"
 */
public record SecretRefused(String address, String secret) {
}
