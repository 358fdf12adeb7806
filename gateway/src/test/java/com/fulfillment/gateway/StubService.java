package com.fulfillment.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for one service behind the gateway, on a port of its own: it answers every request with a JSON
 * body naming itself, the method and the path, and remembers the request. A test can give a path an answer
 * of its own.
 */
final class StubService implements AutoCloseable {

    /** A request as the service received it. */
    record Received(String method, String path, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream()
                          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                          .map(entry -> entry.getValue().get(0))
                          .findFirst().orElse(null);
        }
    }

    final String name;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, HttpHandler> answers = new ConcurrentHashMap<>();

    private StubService(String name, int port) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    static StubService start(String name) {
        return new StubService(name, 0);
    }

    static StubService startOn(String name, int port) {
        return new StubService(name, port);
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** {@code path} answered by {@code handler} from now on. */
    void answer(String path, HttpHandler handler) {
        answers.put(path, handler);
    }

    void reset() {
        received.clear();
        answers.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        received.add(new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders())));
        exchange.getRequestBody().readAllBytes();
        HttpHandler answer = answers.get(path);
        if (answer != null) {
            answer.handle(exchange);
            return;
        }
        respond(exchange, 200, "{\"service\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                               + "\",\"path\":\"" + path + "\"}");
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
