package com.fulfillment.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells each service how the client called the gateway ({@code X-Forwarded-Host}, {@code -Proto}, {@code -Port},
 * {@code -For}), so that a link a service builds from its request names the gateway. Spring Cloud Gateway's own
 * filter adds these only for requests from a configured trusted proxy; the gateway is the edge, so it sets them
 * for every request from what it saw itself, replacing whatever a client sent under those names.
 */
@Component
class ForwardedHeaders implements HttpHeadersFilter {

    static final String HOST = "X-Forwarded-Host";
    static final String PROTO = "X-Forwarded-Proto";
    static final String PORT = "X-Forwarded-Port";
    static final String FOR = "X-Forwarded-For";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        URI called = request.getURI();
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.putAll(input);
        forwarded.remove("Forwarded");
        forwarded.remove("X-Forwarded-Prefix");
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        forwarded.set(HOST, host != null ? host : called.getAuthority());
        forwarded.set(PROTO, called.getScheme());
        forwarded.set(PORT, String.valueOf(called.getPort() >= 0 ? called.getPort()
                                                                 : "https".equals(called.getScheme()) ? 443 : 80));
        InetSocketAddress client = request.getRemoteAddress();
        if (client != null && client.getAddress() != null) {
            forwarded.set(FOR, client.getAddress().getHostAddress());
        } else {
            forwarded.remove(FOR);
        }
        return forwarded;
    }
}
