package com.fulfillment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in the production mode, bearer tokens: it checks each token against the public key of a provider
 * that this test plays (a key pair it makes, given as {@code public-key-location}: no network), takes the user
 * from {@code sub} and the roles from the claim it is configured with ({@code groups} here), and passes an
 * accepted token on to the service, which checks it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fulfillment.security.mode=jwt",
        "fulfillment.security.jwt.roles-claim=groups"})
class GatewayJwtModeTest {

    private static final KeyPair PROVIDER = keyPair();
    private static final KeyPair SOMEONE_ELSE = keyPair();
    private static final StubServices STUBS = new StubServices();

    @DynamicPropertySource
    static void providerAndServices(DynamicPropertyRegistry registry) throws IOException {
        STUBS.register(registry);
        Path publicKey = Files.writeString(Files.createTempFile("provider", ".pem"), pem(PROVIDER));
        publicKey.toFile().deleteOnExit();
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
    }

    @AfterAll
    static void stopTheStubs() {
        STUBS.close();
    }

    @Autowired
    WebTestClient client;

    private String alice;
    private String operator;

    @BeforeEach
    void tokensAndFreshStubs() {
        STUBS.reset();
        client = client.mutate().responseTimeout(Duration.ofSeconds(10)).build();
        alice = token(PROVIDER, "alice", List.of("customer"), Instant.now().plusSeconds(300));
        operator = token(PROVIDER, "ops-1", List.of("operator"), Instant.now().plusSeconds(300));
    }

    @Test
    void anAcceptedTokenGoesOnToTheServiceWhichChecksItAgain() {
        get("/api/orders/order-1", "Bearer " + alice).expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("query-projections");
        get("/api/admin/projections", "Bearer " + operator).expectStatus().isOk();

        assertThat(STUBS.query.received("/api/orders/order-1").get(0).header(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer " + alice);
        assertThat(STUBS.query.received("/api/admin/projections").get(0).header(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer " + operator);
    }

    @Test
    void rolesComeFromTheConfiguredClaim() {
        get("/api/admin/projections", "Bearer " + alice)
                .expectStatus().isEqualTo(HttpStatus.FORBIDDEN)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.requiredPermissions[0]").isEqualTo("ROLE_OPERATOR");
        String rolesElsewhere = encode(PROVIDER, JwtClaimsSet.builder().subject("ops-2")
                                                             .claim("roles", List.of("operator"))
                                                             .expiresAt(Instant.now().plusSeconds(300)).build());
        get("/api/admin/projections", "Bearer " + rolesElsewhere).expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
        STUBS.byName.values().forEach(stub -> assertThat(stub.received()).as(stub.name).isEmpty());
    }

    @Test
    void aRequestWithoutAValidTokenIsAskedForOneAndReachesNoService() {
        String forged = token(SOMEONE_ELSE, "operator", List.of("operator"), Instant.now().plusSeconds(300));
        String expired = token(PROVIDER, "alice", List.of("customer"), Instant.now().minusSeconds(120));
        String demoUser = "Basic " + Base64.getEncoder().encodeToString("alice:demo".getBytes(StandardCharsets.UTF_8));
        for (String authorization : new String[] {null, "Bearer " + forged, "Bearer " + expired, "Bearer not-a-token",
                                                  demoUser}) {
            get("/api/orders/order-1", authorization)
                    .expectStatus().isUnauthorized()
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                                          challenge -> assertThat(challenge).startsWith("Bearer"))
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:fulfillment:problem:unauthorized");
        }
        STUBS.byName.values().forEach(stub -> assertThat(stub.received()).as(stub.name).isEmpty());
    }

    private WebTestClient.ResponseSpec get(String path, String authorization) {
        return client.get().uri(path)
                     .headers(headers -> {
                         if (authorization != null) {
                             headers.set(HttpHeaders.AUTHORIZATION, authorization);
                         }
                     })
                     .exchange();
    }

    /** A token as the provider signs it: the user in {@code sub}, the roles in {@code groups}. */
    private static String token(KeyPair signer, String user, List<String> roles, Instant expiresAt) {
        return encode(signer, JwtClaimsSet.builder()
                                          .id(UUID.randomUUID().toString())
                                          .subject(user)
                                          .claim("groups", roles)
                                          .issuedAt(expiresAt.minusSeconds(600))
                                          .expiresAt(expiresAt)
                                          .build());
    }

    private static String encode(KeyPair signer, JwtClaimsSet claims) {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) signer.getPublic())
                .privateKey((RSAPrivateKey) signer.getPrivate()).build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
               + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                       .encodeToString(keys.getPublic().getEncoded())
               + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
