package dev.vaani.platform.security;

/**
 * The order of Vaani's Spring Security filter chains; the first chain whose matcher fits a request handles it alone.
 * Every chain is a {@code SecurityFilterChain} bean annotated {@code @Order(SecurityOrder.X)}.
 *
 * <ul>
 *   <li>{@link #API}: {@code /api/**}, {@code /actuator/**}; the admin key (X-API-Key or Authorization: Bearer),
 *       stateless. Only bare health, liveness and readiness are open, and they show details only with the key.</li>
 *   <li>{@link #EXOTEL}: the status webhook and the voicebot-URL endpoint (webhook secret), and the media
 *       WebSocket path (media secret, checked before the handshake).</li>
 *   <li>{@link #API_DOCS}: {@code /v3/api-docs/**}, {@code /swagger-ui/**}; the admin key, or the console's
 *       sign-in session (read only), so an operator can read them in the browser.</li>
 *   <li>{@link #CONSOLE}: reserved for the web console: its own chain (form login, session, CSRF) matching only its
 *       own paths ({@code /}, {@code /login}, {@code /logout}, {@code /campaigns/**}, {@code /calls/**},
 *       {@code /leads/**}, {@code /console/**}, {@code /webjars/**}, static assets). A new part of the product with
 *       its own way of signing in adds a chain with an order between {@link #EXOTEL} and {@link #DENY_ALL}.</li>
 *   <li>{@link #DENY_ALL}: everything no chain above claimed answers 401. Nothing is open by accident.</li>
 * </ul>
 */
public final class SecurityOrder {

    public static final int API = 10;
    public static final int EXOTEL = 20;
    public static final int API_DOCS = 25;
    public static final int CONSOLE = 30;
    public static final int DENY_ALL = 100;

    private SecurityOrder() {
    }
}
