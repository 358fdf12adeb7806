package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.scenarios.Credentials;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production mode, bearer tokens: the app started with {@code fulfillment.security.mode=jwt} checks tokens
 * against the public key of a provider that this test plays (a key pair it makes, given to the app as
 * {@code public-key-location}: no network), takes the user from {@code sub} and the roles from the claim it is
 * configured with ({@code groups} here). The same rules as with HTTP Basic apply.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"fulfillment.seed-catalogue=true",
                              "fulfillment.security.mode=jwt",
                              "fulfillment.security.jwt.roles-claim=groups"})
@DirtiesContext // its settings are its own
class JwtModeTest {

    private static final KeyPair PROVIDER = keyPair();
    private static final KeyPair SOMEONE_ELSE = keyPair();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) throws IOException {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
        Path publicKey = Files.writeString(Files.createTempFile("provider", ".pem"), pem(PROVIDER));
        publicKey.toFile().deleteOnExit();
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String alice;
    private String bob;
    private String operator;

    @BeforeEach
    void tokens() {
        alice = token(PROVIDER, "alice", List.of("customer"), Instant.now().plusSeconds(300));
        bob = token(PROVIDER, "bob", List.of("customer"), Instant.now().plusSeconds(300));
        operator = token(PROVIDER, "ops-1", List.of("operator"), Instant.now().plusSeconds(300));
    }

    @Test
    void aCustomersTokenPlacesTheirOwnOrderWhichNoOtherCustomerSees() throws IOException {
        HttpResponse<String> placed = send(alice, "POST", "/api/orders",
                                           "{\"lines\": [{\"productId\": \"kettle\", \"quantity\": 1}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String order = json.readTree(placed.body()).path("orderId").asText();
        new EventStoreProbe(eventStore).awaitOrderStatus(order, OrderStatus.CONFIRMED);

        EventMessage<?> orderPlaced = new EventStoreProbe(eventStore).streamOf(order).get(0);
        assertThat(orderPlaced.getMetaData()).containsEntry("userId", "alice");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> send(alice, "GET", "/api/orders/" + order, null).statusCode() == 200);
        JsonNode view = json.readTree(send(alice, "GET", "/api/orders/" + order, null).body());
        assertThat(view.path("customerId").asText()).isEqualTo("alice");
        assertThat(send(bob, "GET", "/api/orders/" + order, null).statusCode()).isEqualTo(404);
        assertThat(send(operator, "GET", "/api/orders/" + order, null).statusCode()).isEqualTo(200);
    }

    @Test
    void rolesComeFromTheConfiguredClaim() {
        assertThat(send(operator, "GET", "/api/admin/projections", null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send(alice, "GET", "/api/admin/projections", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("ROLE_OPERATOR");
        String rolesElsewhere = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(rsaKey(PROVIDER))))
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                                                  JwtClaimsSet.builder().subject("ops-2")
                                                              .claim("roles", List.of("operator"))
                                                              .expiresAt(Instant.now().plusSeconds(300)).build()))
                .getTokenValue();
        assertThat(send(rolesElsewhere, "GET", "/api/admin/projections", null).statusCode()).isEqualTo(403);
    }

    @Test
    void aRequestWithoutAValidTokenIsAskedForOne() {
        String forged = token(SOMEONE_ELSE, "operator", List.of("operator"), Instant.now().plusSeconds(300));
        String expired = token(PROVIDER, "alice", List.of("customer"), Instant.now().minusSeconds(120));
        for (String token : new String[] {null, forged, expired, "not-a-token"}) {
            HttpResponse<String> refused = send(token, "GET", "/api/orders", null);
            assertThat(refused.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void theDemoUsersPasswordsAreNotAcceptedInThisMode() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders"))
                                         .header("Authorization", Credentials.demoCustomer("alice").authorization())
                                         .build();
        assertThat(send(request).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> send(String token, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                             : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token as the provider signs it: the user in {@code sub}, the roles in {@code groups}. */
    private static String token(KeyPair signer, String user, List<String> roles, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                                          .id(UUID.randomUUID().toString())
                                          .subject(user)
                                          .claim("groups", roles)
                                          .issuedAt(expiresAt.minusSeconds(600))
                                          .expiresAt(expiresAt)
                                          .build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(rsaKey(signer))))
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    private static RSAKey rsaKey(KeyPair keys) {
        return new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate()).build();
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
               + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
               + "\n-----END PUBLIC KEY-----\n";
    }
}
