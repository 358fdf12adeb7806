package com.fulfillment.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void equalAmountsWrittenWithDifferentScalesAreEqual() {
        assertThat(Money.of("10", "EUR")).isEqualTo(Money.of("10.00", "EUR"));
    }

    @Test
    void moreDecimalsThanTheCurrencyAllowsAreRefused() {
        assertThatThrownBy(() -> Money.of("1.005", "EUR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more decimals than EUR allows");
    }

    @Test
    void anUnknownCurrencyIsRefused() {
        assertThatThrownBy(() -> Money.of("1", "XYZW"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO 4217");
    }

    @Test
    void arithmeticKeepsTheCurrency() {
        Money price = Money.of("2.50", "EUR");

        assertThat(price.times(3).plus(Money.of("1", "EUR")).minus(Money.of("0.50", "EUR")))
                .isEqualTo(Money.of("8.00", "EUR"));
        assertThat(Money.zero("EUR").isPositive()).isFalse();
        assertThat(price.isPositive()).isTrue();
    }

    @Test
    void amountsInDifferentCurrenciesDoNotCombine() {
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot combine EUR with USD");
    }

    @Test
    void identifiersReadAsTheirRawValueInJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        record Sample(OrderId orderId, Money total) {}

        String text = json.writeValueAsString(new Sample(OrderId.of("o-1"), Money.of("3.10", "EUR")));

        assertThat(text).isEqualTo("{\"orderId\":\"o-1\",\"total\":{\"amount\":3.10,\"currency\":\"EUR\"}}");
        assertThat(json.readValue(text, Sample.class))
                .isEqualTo(new Sample(OrderId.of("o-1"), new Money(new BigDecimal("3.1"), "EUR")));
    }

    @Test
    void blankIdentifiersAreRefused() {
        assertThatThrownBy(() -> ProductId.of(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("product id must not be blank");
    }
}
