package com.fulfillment.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time between an order's POST and its final status went: each step of the flow, from the timestamps of
 * the order's events in the standalone app's event store and the client's times in {@code benchmark-orders.csv}.
 *
 * <p>An event's timestamp is taken when its command handler applies it, before its transaction commits; so the
 * time from one event to the next is the next step's whole hop: the commit of the first, the processor that reacts
 * to it finding it, its handler, the command, and the aggregate's load. Before the first event: the POST's way to
 * the command handler. After the last: the commit, the projection, and the order's event stream to the client.
 * The client's and the app's clocks are the same wall clock here (one machine).
 *
 * <p>Run it as a single source file on the data directory of a stopped app, with H2 on the class path:
 * {@code benchmarks/order-hops.sh <data dir> <benchmark-orders.csv> [sent from, ms]}. Orders sent before the given
 * time (the warm-up) are left out.
 */
public final class OrderHops {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");
    static final String WHOLE = "POST sent → final status seen (the whole)";
    private static final Set<String> FINAL_EVENTS =
            Set.of("OrderConfirmedEvent", "OrderRejectedEvent", "OrderCancelledEvent");

    private OrderHops() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        if (args.length < 2) {
            System.err.println("usage: OrderHops <data dir> <benchmark-orders.csv> [sent from, ms]");
            System.exit(2);
        }
        double sentFrom = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        Map<String, ClientTimes> orders = readOrders(Path.of(args[1]), sentFrom);
        Map<String, List<Event>> events = readEvents(Path.of(args[0]), orders.keySet());
        System.out.println("| step | orders | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
        System.out.println("|---|---|---|---|---|---|");
        steps(orders, events).forEach(OrderHops::printRow);
    }

    /**
     * The time each step took, in milliseconds, over the orders that reached a final status: the steps most orders
     * take first, and the whole (from the POST sent to the final status seen) last. An order's steps add up to its
     * whole.
     */
    static Map<String, List<Double>> steps(Map<String, ClientTimes> orders, Map<String, List<Event>> events) {
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        List<Double> whole = new ArrayList<>();
        events.forEach((orderId, ofOrder) -> {
            ClientTimes client = orders.get(orderId);
            int last = lastFinal(ofOrder);
            if (client == null || last < 0 || client.finalEpochMillis() < 0) {
                return;
            }
            step(steps, "POST sent → " + ofOrder.get(0).type(), ofOrder.get(0).millis() - client.sentEpochMillis());
            for (int i = 1; i <= last; i++) {
                Event from = ofOrder.get(i - 1);
                Event to = ofOrder.get(i);
                step(steps, from.type() + " → " + to.type(), to.millis() - from.millis());
            }
            step(steps, ofOrder.get(last).type() + " → final status seen by the client",
                 client.finalEpochMillis() - ofOrder.get(last).millis());
            whole.add(client.finalEpochMillis() - client.sentEpochMillis());
        });
        Map<String, List<Double>> sorted = new LinkedHashMap<>();
        steps.entrySet().stream()
             .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
             .forEach(step -> sorted.put(step.getKey(), step.getValue()));
        if (!whole.isEmpty()) {
            sorted.put(WHOLE, whole);
        }
        return sorted;
    }

    private static void step(Map<String, List<Double>> steps, String step, double millis) {
        steps.computeIfAbsent(step, k -> new ArrayList<>()).add(millis);
    }

    private static void printRow(String step, List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", step, sorted.length,
                          rank(sorted, 0.5), rank(sorted, 0.9), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** When the client sent an order and saw its final status, on the wall clock; -1 if it saw none. */
    record ClientTimes(double sentEpochMillis, double finalEpochMillis) {}

    /** One of an order's events: its position in the store, its type's simple name, its timestamp (epoch ms). */
    record Event(long position, String type, double millis) {}

    private static Map<String, ClientTimes> readOrders(Path csv, double sentFrom) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("orderId");
        int sent = header.indexOf("sentMillis");
        int seen = header.indexOf("finalMillis");
        int epoch = header.indexOf("sentEpochMillis");
        if (epoch < 0) {
            throw new IllegalArgumentException(csv + " has no column sentEpochMillis: written by an older benchmark");
        }
        Map<String, ClientTimes> orders = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields[id].isEmpty() || Double.parseDouble(fields[sent]) < sentFrom) {
                continue;
            }
            double sentAt = Double.parseDouble(fields[epoch]);
            orders.put(fields[id], new ClientTimes(
                    sentAt, fields[seen].isEmpty() ? -1 : sentAt + Double.parseDouble(fields[seen])));
        }
        return orders;
    }

    /** The events of these orders (those whose payload names the order), in the order of the store. */
    private static Map<String, List<Event>> readEvents(Path dataDir, Set<String> orderIds)
            throws SQLException {
        Map<String, List<Event>> events = new HashMap<>();
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("events") + ";ACCESS_MODE_DATA=r";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT globalIndex, payloadType, timeStamp, UTF8TOSTRING(payload) FROM DomainEventEntry")) {
            while (rows.next()) {
                Matcher orderId = ORDER_ID.matcher(rows.getString(4));
                if (orderId.find() && orderIds.contains(orderId.group(1))) {
                    String type = rows.getString(2);
                    events.computeIfAbsent(orderId.group(1), k -> new ArrayList<>()).add(new Event(
                            rows.getLong(1), type.substring(type.lastIndexOf('.') + 1),
                            Instant.parse(rows.getString(3)).toEpochMilli()));
                }
            }
        }
        events.values().forEach(list -> list.sort((a, b) -> Long.compare(a.position(), b.position())));
        return events;
    }

    private static int lastFinal(List<Event> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (FINAL_EVENTS.contains(events.get(i).type())) {
                return i;
            }
        }
        return -1;
    }

    /** As {@code OrderLog.Percentiles}' nearest rank: a single-file program cannot use the package's classes. */
    private static double rank(double[] sorted, double share) {
        int index = (int) Math.ceil(share * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
