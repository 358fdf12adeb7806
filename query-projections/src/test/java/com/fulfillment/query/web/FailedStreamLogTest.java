package com.fulfillment.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fulfillment.platform.correlation.CorrelationIds;
import com.fulfillment.platform.web.ApiProblems;
import com.fulfillment.platform.web.PlatformWebConfiguration;
import com.fulfillment.query.InMemoryMongo;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.querytest.ReadSideTestApplication;
import com.fulfillment.querytest.ReadSideUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An order's status stream that fails is answered on another dispatch of the request, on another thread, than
 * the one that opened it; the error it logs carries the request's correlation id all the same, as the problem
 * body promises the client. (It once was logged with none, when the stream failed across Axon Server.)
 */
@SpringBootTest(classes = ReadSideTestApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"axon.axonserver.enabled=false", "axon.serializer.general=jackson"})
@Import({PlatformWebConfiguration.class, ApiProblems.class}) // the web layer every service runs with
class FailedStreamLogTest {

    private static final InMemoryMongo MONGO = InMemoryMongo.start();
    private static final String CORRELATION_ID = "failed-stream-1";

    @MockitoBean
    QueryGateway queries;
    @LocalServerPort
    int port;

    private final Logger problems = (Logger) LoggerFactory.getLogger(ApiProblems.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @DynamicPropertySource
    static void readModelDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.data.mongodb.uri", MONGO::uri);
    }

    @BeforeEach
    void captureTheProblemLog() {
        logged.start();
        problems.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        problems.detachAppender(logged);
    }

    @Test
    void theErrorOfAFailedStreamIsLoggedWithTheRequestsCorrelationId() throws Exception {
        when(queries.subscriptionQuery(any(FindOrderQuery.class), any(ResponseType.class), any(ResponseType.class)))
                .thenReturn(new DefaultSubscriptionQueryResult<>(
                        Mono.error(new ClassCastException("the initial result could not be read")),
                        Flux.never(), () -> true));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders/order-1/events"))
                           .header("Accept", "text/event-stream")
                           .header("Authorization", ReadSideUsers.OPERATOR)
                           .header(CorrelationIds.HEADER, CORRELATION_ID)
                           .timeout(Duration.ofSeconds(10))
                           .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.headers().firstValue(CorrelationIds.HEADER)).hasValue(CORRELATION_ID);
        await().atMost(Duration.ofSeconds(10)).until(() -> !errors().isEmpty());
        assertThat(errors()).extracting(event -> event.getMDCPropertyMap().get(CorrelationIds.MDC_KEY))
                            .containsOnly(CORRELATION_ID);
    }

    private List<ILoggingEvent> errors() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
    }
}
