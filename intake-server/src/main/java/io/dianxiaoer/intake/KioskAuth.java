package io.dianxiaoer.intake;

import io.dianxiaoer.core.wire.KioskId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Who is calling: with TLS, the kiosk named by the common name (CN) of its client certificate,
 * which the handshake has already verified against the trusted kiosk CA; over plain HTTP
 * (loopback development only) nobody is authenticated and the kiosk id in the path is taken as is.
 * Stateless; safe on any thread.
 */
final class KioskAuth {

    private KioskAuth() {
    }

    /** The authenticated kiosk, empty on a plain connection. @throws ApiException 401 when TLS carried no client certificate */
    static Optional<KioskId> caller(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = ssl.engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, "client_certificate_required",
                    "this API needs the kiosk's client certificate (mutual TLS)");
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, "client_certificate_required",
                    "this API needs the kiosk's X.509 client certificate");
        }
        String cn = commonName(leaf);
        if (!KioskId.isValid(cn)) {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "foreign_client_certificate",
                    "the client certificate does not name a kiosk");
        }
        return Optional.of(KioskId.of(cn));
    }

    /** Requires the caller to be {@code kiosk} (any caller on a plain connection). */
    static void requireKiosk(ChannelHandlerContext ctx, KioskId kiosk) {
        Optional<KioskId> caller = caller(ctx);
        if (caller.isPresent() && !caller.get().equals(kiosk)) {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "foreign_client_certificate",
                    "the client certificate belongs to kiosk " + caller.get() + ", not " + kiosk);
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            // fall through: no usable name
        }
        return "";
    }
}
