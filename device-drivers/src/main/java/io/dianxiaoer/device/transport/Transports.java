package io.dianxiaoer.device.transport;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where a transport kind is chosen from configuration.
 *
 * <ul>
 *   <li>{@code tcp://host:port} — a TCP link (simulator, serial-over-IP)</li>
 *   <li>{@code serial:/dev/ttyUSB0?baud=115200} or a bare device path — a serial port</li>
 * </ul>
 */
public final class Transports {

    /** {@code scheme://…}: anything but tcp is a mistake, not a serial device path. */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    private Transports() {
    }

    /** A factory, so that a driver can make a fresh transport each time it reopens the device. */
    public static Supplier<Transport> fromUri(String uri, int defaultBaud) {
        String u = Objects.requireNonNull(uri, "uri").strip();
        Matcher scheme = SCHEME.matcher(u);
        if (scheme.find() && !scheme.group(1).equals("tcp")) {
            throw new IllegalArgumentException("unknown transport scheme '" + scheme.group(1) + "' in '" + uri
                    + "' (use tcp://host:port, serial:/dev/… or a device path)");
        }
        if (u.startsWith("tcp://")) {
            String hostPort = u.substring("tcp://".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("tcp transport needs host:port, got '" + uri + "'");
            }
            String host = hostPort.substring(0, colon);
            int port = parsePort(hostPort.substring(colon + 1), uri);
            return () -> new TcpTransport(host, port);
        }
        String path = u.startsWith("serial:") ? u.substring("serial:".length()) : u;
        int baud = defaultBaud;
        int q = path.indexOf('?');
        if (q >= 0) {
            String query = path.substring(q + 1);
            path = path.substring(0, q);
            for (String kv : query.split("&")) {
                if (kv.startsWith("baud=")) {
                    try {
                        baud = Integer.parseInt(kv.substring(5));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("baud must be a number in '" + uri + "'");
                    }
                    if (baud <= 0) {
                        throw new IllegalArgumentException("baud must be a positive number in '" + uri + "'");
                    }
                }
            }
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("no port given in '" + uri + "'");
        }
        String p = path;
        int b = baud;
        return () -> new SerialTransport(p, b);
    }

    private static int parsePort(String s, String uri) {
        try {
            int port = Integer.parseInt(s);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad TCP port in '" + uri + "'");
        }
    }
}
