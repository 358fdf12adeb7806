package com.fulfillment.inventory.web;

import com.fulfillment.inventory.api.AddProductCommand;
import com.fulfillment.inventory.api.ChangeProductPriceCommand;
import com.fulfillment.inventory.api.RestockProductCommand;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.platform.CommandFailure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Catalogue administration: add products, restock them, change their prices. Reading the catalogue is a query. */
@RestController
@RequestMapping("/api/products")
@Validated
class CatalogueController {

    static final String IDENTIFIER = "[A-Za-z0-9._:-]+";
    static final int MAX_STOCK = 1_000_000;

    private final CommandGateway commands;

    CatalogueController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<?> add(@Valid @RequestBody AddProductRequest request) {
        ProductId productId = ProductId.of(request.productId());
        try {
            commands.sendAndWait(new AddProductCommand(productId, request.name(), request.unitPrice().toMoney(),
                                                       request.initialStock()));
        } catch (RuntimeException failure) {
            CommandFailure.expected(failure, CommandFailure::aggregateExists);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "product " + productId + " is already in the catalogue");
            problem.setTitle("Conflict");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return ResponseEntity.created(URI.create("/api/products/" + productId))
                             .body(new ProductAccepted(productId.value()));
    }

    @PostMapping("/{productId}/restock")
    ResponseEntity<ProductAccepted> restock(@PathVariable @Pattern(regexp = IDENTIFIER) String productId,
                                            @Valid @RequestBody RestockRequest request) {
        commands.sendAndWait(new RestockProductCommand(ProductId.of(productId), request.quantity()));
        return ResponseEntity.accepted().body(new ProductAccepted(productId));
    }

    @PutMapping("/{productId}/price")
    ResponseEntity<ProductAccepted> changePrice(@PathVariable @Pattern(regexp = IDENTIFIER) String productId,
                                                @Valid @RequestBody PriceRequest price) {
        commands.sendAndWait(new ChangeProductPriceCommand(ProductId.of(productId), price.toMoney()));
        return ResponseEntity.accepted().body(new ProductAccepted(productId));
    }

    record AddProductRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = IDENTIFIER) String productId,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Valid PriceRequest unitPrice,
            @NotNull @Min(0) @Max(MAX_STOCK) Integer initialStock) {
    }

    record RestockRequest(@NotNull @Min(1) @Max(MAX_STOCK) Integer quantity) {
    }

    /** A price as amount and ISO 4217 currency code. */
    record PriceRequest(
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 9, fraction = 2) BigDecimal amount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

        Money toMoney() {
            return new Money(amount, currency);
        }
    }

    record ProductAccepted(String productId) {
    }
}
