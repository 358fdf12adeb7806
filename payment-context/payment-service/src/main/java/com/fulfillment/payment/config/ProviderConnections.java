package com.fulfillment.payment.config;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Context;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client to the provider and the threads its calls run on, owned together so they close together.
 * The pool is bounded, every wait in it has a timeout, and the client retries nothing itself: whether a
 * call is tried again is resilience4j's decision. Each call is observed (a client span of the payment's trace,
 * whose {@code traceparent} header the provider receives, and the {@code http.client.requests} metric).
 */
class ProviderConnections implements AutoCloseable {

    private final CloseableHttpClient httpClient;
    private final ThreadPoolExecutor executorThreads;
    private final ExecutorService callExecutor;
    private final RestClient restClient;

    ProviderConnections(PaymentProviderProperties properties, ObservationRegistry observations) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(properties.maxConnections())
                .setMaxConnPerRoute(properties.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.readTimeout()))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        httpClient = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.connectionRequestTimeout()))
                        .setResponseTimeout(Timeout.of(properties.readTimeout()))
                        .build())
                .disableAutomaticRetries()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        restClient = RestClient.builder()
                .requestFactory(new HttpComponentsClientHttpRequestFactory(httpClient))
                .observationRegistry(observations)
                .build();
        // One thread per pooled connection: a call the time limiter gave up on keeps its thread until the
        // read timeout ends it, and a call beyond the pool would only wait for a connection anyway.
        AtomicInteger threads = new AtomicInteger();
        executorThreads = new ThreadPoolExecutor(0, properties.maxConnections(), 60, TimeUnit.SECONDS,
                                                 new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "payment-provider-call-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // The call runs on one of these threads, not the handler's: it takes the handler's trace context along,
        // so that its span is a child of the payment's handling.
        callExecutor = Context.taskWrapping(executorThreads);
    }

    RestClient restClient() {
        return restClient;
    }

    ExecutorService callExecutor() {
        return callExecutor;
    }

    @Override
    public void close() throws Exception {
        executorThreads.shutdownNow();
        httpClient.close();
    }
}
