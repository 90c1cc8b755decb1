package dev.vaani.integration;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which webhook URLs Vaani may call: http(s) URLs whose host resolves only to public addresses. Loopback, private
 * (10/8, 172.16/12, 192.168/16, 100.64/10), link-local (169.254/16, incl. the cloud metadata address
 * 169.254.169.254; fe80::/10), unique-local (fc00::/7), unspecified and multicast addresses are refused unless
 * CUSTOMER_WEBHOOK_ALLOW_PRIVATE=true, so a webhook cannot be aimed into the operator's own network. Checked when a
 * URL is configured and again before every delivery, because DNS can change in between (rebinding).
 */
public final class WebhookUrlPolicy {

    /** Looks a host name up; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public WebhookUrlPolicy(boolean allowPrivate) {
        this(allowPrivate, host -> List.of(InetAddress.getAllByName(host)));
    }

    public WebhookUrlPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The URL if allowed; otherwise {@link RefusedWebhookUrl} saying why. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new RefusedWebhookUrl("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RefusedWebhookUrl("must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new RefusedWebhookUrl("must name a host (and no user:password@)");
        }
        vettedAddresses(uri.getHost());
        return uri;
    }

    /**
     * The host's addresses, all of them allowed; otherwise {@link RefusedWebhookUrl}. The webhook client connects
     * through this lookup, so what was checked is what is connected to.
     */
    public List<InetAddress> vettedAddresses(String host) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedWebhookUrl("host " + host + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                String kind = nonPublicKind(address);
                if (kind != null) {
                    throw new RefusedWebhookUrl("host " + host + " resolves to a " + kind + " address ("
                            + address.getHostAddress() + "); set CUSTOMER_WEBHOOK_ALLOW_PRIVATE=true to allow it");
                }
            }
        }
        return addresses;
    }

    /** Null for a public address, else what kind of non-public address it is. */
    static String nonPublicKind(InetAddress address) {
        if (address instanceof Inet6Address v6 && isIpv4Mapped(v6.getAddress())) {
            byte[] b = v6.getAddress();
            try {
                return nonPublicKind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return "malformed";
            }
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "shared (carrier-grade NAT)";
            }
            if (first == 0 || first >= 240) {
                return "reserved";
            }
        } else if ((b[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        return null;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** A webhook URL Vaani will not call. */
    public static final class RefusedWebhookUrl extends RuntimeException {
        public RefusedWebhookUrl(String reason) {
            super(reason);
        }
    }
}
