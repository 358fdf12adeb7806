package com.fulfillment.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.access.AccessProblems;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's refusals, as the services answer them ({@link AccessProblems}): 401 with the mode's
 * {@code WWW-Authenticate} challenge and a problem body, 403 with a problem body naming the roles the URL needs
 * in {@code requiredPermissions}.
 */
final class GatewayRefusals implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ObjectMapper json;
    private final ServerAuthenticationEntryPoint challenge;

    /** {@code challenge} sets {@code WWW-Authenticate}; whatever else it would write is left to this class. */
    GatewayRefusals(ObjectMapper json, ServerAuthenticationEntryPoint challenge) {
        this.json = json;
        this.challenge = challenge;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException refused) {
        String detail = refused instanceof AuthenticationCredentialsNotFoundException
                        || refused instanceof InsufficientAuthenticationException
                        ? "this resource needs an authenticated user"
                        : "the credentials are not valid: the user name or password is wrong, or the token is not";
        ProblemDetail problem = AccessProblems.unauthorized(detail, path(exchange));
        // Spring Security's bearer challenge completes the response itself, which would leave no room for the body.
        ServerWebExchange headersOnly = exchange.mutate().response(new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                return Mono.empty();
            }
        }).build();
        return challenge.commence(headersOnly, refused).then(Mono.defer(() -> write(exchange, problem)));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return Flux.fromIterable(GatewaySecurity.RULES)
                   .concatMap(rule -> rule.matcher().matches(exchange)
                                          .filter(ServerWebExchangeMatcher.MatchResult::isMatch)
                                          .map(match -> rule))
                   .next()
                   .map(rule -> rule.roles().stream().map(role -> "ROLE_" + role).sorted().toList())
                   .defaultIfEmpty(List.of())
                   .flatMap(required -> {
                       String detail = required.isEmpty() ? "this resource is not available to this user"
                                                          : "this resource needs " + String.join(" or ", required);
                       return write(exchange, AccessProblems.forbidden(detail, required, path(exchange)));
                   });
    }

    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getURI().getRawPath();
    }

    private Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException failed) {
            return Mono.error(failed);
        }
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
