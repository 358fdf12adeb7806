package com.fulfillment.standalone;

import com.fulfillment.scenarios.FulfillmentEndpoints;
import com.fulfillment.scenarios.FulfillmentScenarioSuite;
import com.fulfillment.scenarios.FulfillmentScenarios;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end scenarios that the distributed shape passes too (see axon-server's
 * {@code DistributedScenariosTest}), here against the standalone app on a random port with its embedded
 * storage and its provider simulator, which declines charges above {@value #DECLINE_ABOVE} EUR.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"fulfillment.seed-catalogue=false",
                              "payment-simulator.decline-above=" + StandaloneScenariosTest.DECLINE_ABOVE})
@DirtiesContext // its settings are its own: no other test reuses this app, so it is not kept running
class StandaloneScenariosTest extends FulfillmentScenarioSuite {

    static final String DECLINE_ABOVE = "1000.00";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    private FulfillmentScenarios scenarios;

    @BeforeEach
    void setUp() {
        scenarios = new FulfillmentScenarios(FulfillmentEndpoints.oneApp("http://localhost:" + port, TestUsers.ALICE,
                                                                          TestUsers.OPERATOR),
                                             new BigDecimal(DECLINE_ABOVE));
    }

    @Override
    protected FulfillmentScenarios scenarios() {
        return scenarios;
    }
}
