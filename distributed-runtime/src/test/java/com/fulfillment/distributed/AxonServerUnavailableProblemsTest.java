package com.fulfillment.distributed;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fulfillment.platform.CommandFailure;
import com.fulfillment.platform.web.ApiProblems;
import io.axoniq.axonserver.connector.ErrorCategory;
import java.util.concurrent.CompletionException;
import org.axonframework.axonserver.connector.command.AxonServerCommandDispatchException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

class AxonServerUnavailableProblemsTest {

    @RestController
    static class FailingController {

        @PostMapping("/fail/{how}")
        void fail(@PathVariable String how) {
            switch (how) {
                case "connection-lost" -> throw new CompletionException(new io.axoniq.axonserver.connector.AxonServerException(
                        ErrorCategory.COMMAND_DISPATCH_ERROR, "Received exception while dispatching command", "client-1"));
                case "dispatch-refused" -> throw new AxonServerCommandDispatchException("AXONIQ-4000", "UNAVAILABLE", null);
                default -> throw new CommandExecutionException("order order-1 is REJECTED", null,
                        new CommandFailure(CommandFailure.Kind.CONFLICT, "order order-1 is REJECTED",
                                           IllegalStateException.class.getName()));
            }
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ApiProblems(), new AxonServerUnavailableProblems())
            .build();

    @Test
    void aLostConnectionToAxonServerIsATemporaryUnavailability() throws Exception {
        for (String how : new String[] {"connection-lost", "dispatch-refused"}) {
            mvc.perform(post("/fail/" + how))
               .andExpect(status().isServiceUnavailable())
               .andExpect(header().string("Retry-After", "5"))
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
               .andExpect(jsonPath("$.title").value("Service unavailable"))
               .andExpect(jsonPath("$.instance").value("/fail/" + how));
        }
    }

    @Test
    void aRefusalFromAnotherServiceIsStillTheProblemItStandsFor() throws Exception {
        mvc.perform(post("/fail/refused"))
           .andExpect(status().isConflict())
           .andExpect(jsonPath("$.detail").value("order order-1 is REJECTED"));
    }
}
