/* The counter every "not supported" stub in this directory bumps on the entry point libcurl calls first for its
 * back-end, so the package self-test (tests/package/probe.cc --stub-selftest) can prove that a stub, not a real
 * library, answered. Defined in curl_backend_stubs.c. */
#pragma once

extern __attribute__((visibility("hidden"))) unsigned gdslack_lambda_stub_calls;
#define GDSLACK_STUB_CALLED() (++gdslack_lambda_stub_calls)
