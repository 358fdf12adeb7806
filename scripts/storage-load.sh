#!/usr/bin/env bash
# Places ORDERS orders against a running standalone app (BASE_URL), CONCURRENCY at a time, spread over
# 100 products with ample stock, so that every order goes the whole way (reserve, charge, confirm). Used to
# fill a store for the disk-per-event and restart measurements in BENCHMARKS.md ("Storage and restart").
# The operator adds the products and places the orders on 500 customers' behalf.
#   BASE_URL=http://localhost:18080 FULFILLMENT_OPERATOR_PASSWORD=<the app's> ORDERS=5000 CONCURRENCY=16 \
#     scripts/storage-load.sh
set -euo pipefail
BASE_URL=${BASE_URL:?set BASE_URL, e.g. http://localhost:18080}
OPERATOR="operator:${FULFILLMENT_OPERATOR_PASSWORD:?set FULFILLMENT_OPERATOR_PASSWORD to the operator password of the app}"
ORDERS=${ORDERS:-1000}
CONCURRENCY=${CONCURRENCY:-16}
PRODUCTS=${PRODUCTS:-100}

for p in $(seq 1 "$PRODUCTS"); do
  curl -s -o /dev/null -u "$OPERATOR" -X POST "$BASE_URL/api/products" -H 'Content-Type: application/json' \
       -d "{\"productId\":\"load-$p\",\"name\":\"Load product $p\",\"unitPrice\":{\"amount\":1.50,\"currency\":\"EUR\"},\"initialStock\":1000000}"
done

start=$(date +%s)
seq 1 "$ORDERS" | xargs -P "$CONCURRENCY" -I{} sh -c \
  'curl -s -o /dev/null -w "%{http_code}\n" -u "$2" -X POST "$0/api/orders" -H "Content-Type: application/json" \
        -d "{\"customerId\":\"customer-$(( {} % 500 ))\",\"lines\":[{\"productId\":\"load-$(( {} % $1 + 1 ))\",\"quantity\":1}]}"' \
  "$BASE_URL" "$PRODUCTS" "$OPERATOR" | sort | uniq -c
echo "placed $ORDERS orders in $(( $(date +%s) - start )) s"
