package com.fulfillment.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class CompensationFailuresTest {

    record RefundSomethingCommand(String what) {}

    private static final OrderId ORDER = OrderId.of("order-1");

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final CompensationFailures failures = new CompensationFailures(serializer);

    @Test
    void aFailureCarriesTheCommandAsItCanBeSentAgain() {
        CompensationFailedEvent failure = failures.failed(ORDER, new RefundSomethingCommand("money"), "refused");

        Object command = serializer.deserialize(new SimpleSerializedObject<>(failure.commandPayload(), String.class,
                                                                             failure.commandClass(), null));
        assertThat(command).isEqualTo(new RefundSomethingCommand("money"));
        assertThat(failure.orderId()).isEqualTo(ORDER);
        assertThat(failure.commandType()).isEqualTo("RefundSomethingCommand");
        assertThat(failure.reason()).isEqualTo("refused");
    }

    @Test
    void aLaterRefusalOfTheSameCommandAfterARetryIsANewFailure() {
        RefundSomethingCommand command = new RefundSomethingCommand("money");

        String first = failures.failed(ORDER, command, "refused").failureId();
        String firstAgain = failures.failed(ORDER, command, "refused, said otherwise").failureId();
        String second = failures.failed(ORDER, command, "refused", 2).failureId();
        String third = failures.failed(ORDER, command, "refused", 3).failureId();

        assertThat(firstAgain).as("a redelivered refusal names the same failure").isEqualTo(first);
        assertThat(failures.failed(ORDER, command, "refused", 1).failureId()).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
        assertThat(third).isNotIn(first, second);
    }

    @Test
    void occurrencesCountFromOne() {
        assertThatThrownBy(() -> failures.failed(ORDER, new RefundSomethingCommand("money"), "refused", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
