package com.fulfillment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The spans of one trace as recorded, read as a tree: who caused what. Steps are named as Axon and Spring name
 * their spans, which differ only in details between the runtime shapes (a command handled across Axon Server is
 * {@code CommandBus.handleDistributedCommand(...)}, in one process {@code CommandBus.handleCommand(...)}), and a
 * step matches either.
 */
public final class OrderTrace {

    /** Where Micrometer's HTTP observations put the request's URL (the server's path, the client's whole URL). */
    private static final AttributeKey<String> HTTP_URL = AttributeKey.stringKey("http.url");

    private final String traceId;
    private final Map<String, SpanData> spans;

    private OrderTrace(String traceId, Map<String, SpanData> spans) {
        this.traceId = traceId;
        this.spans = spans;
    }

    /** The spans of {@code traceId} among {@code recorded}. */
    public static OrderTrace of(String traceId, Collection<SpanData> recorded) {
        return new OrderTrace(traceId, recorded.stream()
                                               .filter(span -> span.getTraceId().equals(traceId))
                                               .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(),
                                                                         (first, second) -> first)));
    }

    /** A sampled W3C {@code traceparent} header that makes a request part of {@code traceId}, called from {@code callerSpanId}. */
    public static String traceparent(String traceId, String callerSpanId) {
        return "00-" + traceId + "-" + callerSpanId + "-01";
    }

    /** A step: a span that answers to a description. */
    public record Step(String description, Predicate<SpanData> matches) {

        /** Handling the command whose payload is {@code commandName}, in whichever context handles it. */
        public static Step handling(String commandName) {
            return new Step("handling " + commandName, span -> span.getName().startsWith("CommandBus.handle")
                                                              && span.getName().endsWith("Command(" + commandName + ")"));
        }

        /** {@code saga} reacting to {@code eventName}. */
        public static Step saga(String saga, String eventName) {
            String name = "SagaManager.invokeSaga(" + saga + ")(" + eventName + ")";
            return new Step(name, span -> span.getName().equals(name));
        }

        /** A handler of the read side's {@code projection} applying {@code eventName}. */
        public static Step projecting(String projection, String eventName) {
            String prefix = projection + ".on(" + eventName;
            return new Step(prefix + "...)", span -> span.getName().startsWith(prefix));
        }

        /**
         * Sending or answering the query whose payload is {@code queryName}, as a point or a subscription query
         * ({@code QueryBus.query(...)} in one process, {@code QueryBus.subscriptionQueryDistributed(...)} across
         * Axon Server).
         */
        public static Step querying(String queryName) {
            return new Step("querying " + queryName, span -> span.getName().startsWith("QueryBus.")
                                                            && span.getName().endsWith("(" + queryName + ")"));
        }

        /**
         * The payment context calling the provider's {@code call}: the HTTP client's request to a URL ending with
         * {@code path}, or the standalone app's in-process call to the simulator it serves, whose span is named
         * {@code payment-provider <call>}.
         */
        public static Step providerCall(String call, String path) {
            Step overHttp = http(SpanKind.CLIENT, path);
            String inProcess = "payment-provider " + call;
            return new Step("the provider's " + call, span -> overHttp.matches().test(span)
                                                             || span.getName().equals(inProcess));
        }

        /** An HTTP request of {@code kind} (client or server) whose URL path ends with {@code path}. */
        public static Step http(SpanKind kind, String path) {
            return new Step(kind + " " + path, span -> {
                String url = span.getAttributes().get(HTTP_URL);
                return span.getKind() == kind && url != null && url.endsWith(path);
            });
        }
    }

    /**
     * The one span of this trace whose parent was not recorded with it: where the trace entered what is recorded.
     * (A span is recorded when it ends, so while a parent runs on, its children may be recorded without it.)
     */
    public SpanData entry() {
        assertThat(entries()).as("spans of trace %s whose parent is not in it (the trace must be one tree)", traceId)
                             .extracting(SpanData::getName).hasSize(1);
        return entries().get(0);
    }

    /** Whether the recorded spans form one tree, every span but one a child of another. */
    public boolean isOneTree() {
        return entries().size() == 1;
    }

    private List<SpanData> entries() {
        return spans.values().stream().filter(span -> !spans.containsKey(span.getParentSpanId())).toList();
    }

    /** Whether any span of this trace is {@code step}'s. */
    public boolean has(Step step) {
        return spans.values().stream().anyMatch(step.matches());
    }

    /** Whether every step has a span, each a descendant of the span of the step before it. */
    public boolean follows(Step... steps) {
        return unfollowed(steps).isEmpty();
    }

    /** Asserts {@link #follows}, saying which step could not be found under the one before it. */
    public void assertFollows(Step... steps) {
        assertThat(unfollowed(steps)).as("trace %s, %d spans:%n%s", traceId, spans.size(), this).isEmpty();
    }

    private Optional<String> unfollowed(Step... steps) {
        SpanData cause = null;
        for (Step step : steps) {
            SpanData ancestor = cause;
            Optional<SpanData> found = spans.values().stream()
                                            .filter(step.matches())
                                            .filter(span -> ancestor == null || descends(span, ancestor))
                                            .findFirst();
            if (found.isEmpty()) {
                return Optional.of(step.description() + (cause == null ? "" : " under " + cause.getName()));
            }
            cause = found.get();
        }
        return Optional.empty();
    }

    private boolean descends(SpanData span, SpanData ancestor) {
        for (SpanData parent = spans.get(span.getParentSpanId()); parent != null; parent = spans.get(parent.getParentSpanId())) {
            if (parent.getSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return spans.values().stream().map(span -> span.getSpanId() + " <- " + span.getParentSpanId() + " " + span.getName())
                    .sorted().collect(Collectors.joining("\n"));
    }
}
