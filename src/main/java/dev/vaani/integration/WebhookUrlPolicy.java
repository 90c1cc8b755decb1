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
 * 169.254.169.254; fe80::/10), unique-local (fc00::/7), unspecified and multicast addresses, and IPv6 addresses
 * that carry one of those IPv4 addresses (IPv4-mapped or -compatible, NAT64, 6to4), are refused unless
 * CUSTOMER_WEBHOOK_ALLOW_PRIVATE=true, so a webhook cannot be aimed into the operator's own network. Checked when a
 * URL is configured and again before every delivery, because DNS can change in between (rebinding).
 *
 * <p>Allowing private addresses is for a CRM on the operator's network; it never opens a cloud's instance metadata
 * service, which hands out the machine's credentials to whoever asks from it: IPv4 link-local (169.254/16, where
 * AWS, GCP, Azure, Oracle and ECS/EKS serve it), AWS's IPv6 fd00:ec2::/32 and Alibaba's 100.100.100.200 stay refused.
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
        for (InetAddress address : addresses) {
            if (isCloudMetadata(address)) {
                throw new RefusedWebhookUrl("host " + host + " resolves to " + address.getHostAddress()
                        + ", where cloud machines serve their credentials; never allowed");
            }
            String kind = allowPrivate ? null : nonPublicKind(address);
            if (kind != null) {
                throw new RefusedWebhookUrl("host " + host + " resolves to a " + kind + " address ("
                        + address.getHostAddress() + "); set CUSTOMER_WEBHOOK_ALLOW_PRIVATE=true to allow it");
            }
        }
        return addresses;
    }

    /** An address a cloud's instance metadata service answers on, or an IPv6 address carrying one. */
    static boolean isCloudMetadata(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                return isCloudMetadataIpv4(embedded);
            }
            return startsWith(b, 0xfd, 0x00, 0x0e, 0xc2);
        }
        return isCloudMetadataIpv4(b);
    }

    private static boolean isCloudMetadataIpv4(byte[] b) {
        return startsWith(b, 169, 254) || startsWith(b, 100, 100, 100, 200);
    }

    /** Null for a public address, else what kind of non-public address it is. */
    static String nonPublicKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address instanceof Inet6Address v6) {
            byte[] embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                try {
                    return nonPublicKind(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
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
        } else if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            return "NAT64 local-use"; // 64:ff9b:1::/48 (RFC 8215): translated to the operator's own IPv4 network
        }
        return null;
    }

    /**
     * The IPv4 address an IPv6 address carries to an IPv4 host, or null: IPv4-mapped (::ffff:a.b.c.d),
     * IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d, RFC 6052) and 6to4 (2002:aabb:ccdd::). On an IPv6-only
     * network with NAT64 (cloud subnets offer it) 64:ff9b::10.0.0.5 reaches 10.0.0.5, so such an address is judged
     * by the IPv4 address inside it.
     */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeroPrefix = startsWith(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        if (zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff
                || zeroPrefix && b[10] == 0 && b[11] == 0
                || startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (startsWith(b, 0x20, 0x02)) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    private static boolean startsWith(byte[] address, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((address[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A webhook URL Vaani will not call. */
    public static final class RefusedWebhookUrl extends RuntimeException {
        public RefusedWebhookUrl(String reason) {
            super(reason);
        }
    }
}
