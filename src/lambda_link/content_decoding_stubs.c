/* zstd and brotli decoders for libcurl's Content-Encoding support, answered "unavailable".
 *
 * libcurl.a references them from its decoder table (content_encoding.c), so without these definitions the
 * link pulls in libzstd.a and libbrotlidec.a + libbrotlicommon.a (~0.36 MB, most of it brotli's dictionary).
 * libcurl only decodes a response body when the transfer set CURLOPT_ACCEPT_ENCODING; guardduty-slack never
 * does (Slack and AWS answers are small JSON), so these are unreachable from the product. If a transfer did
 * ask for them, creating the decoder fails and libcurl ends that transfer with an error (CURLE_OUT_OF_MEMORY /
 * CURLE_BAD_CONTENT_ENCODING), never a wrong body. Signatures come from the libraries' own headers, so the
 * compiler checks them. Tested by `probe --stub-selftest` (tests/package/test_chroot.sh).
 */
#include <brotli/decode.h>
#include <zstd.h>

#include "stub_calls.h"

ZSTD_DStream *ZSTD_createDStream(void) {
  GDSLACK_STUB_CALLED();
  return NULL;
}
size_t ZSTD_freeDStream(ZSTD_DStream *zds) {
  (void)zds;
  return 0;
}
size_t ZSTD_decompressStream(ZSTD_DStream *zds, ZSTD_outBuffer *output, ZSTD_inBuffer *input) {
  (void)zds, (void)output, (void)input;
  return (size_t)-1; /* an error code by ZSTD_isError */
}
unsigned ZSTD_isError(size_t code) { return code > (size_t)-120; /* zstd's own rule: the top error codes */ }
unsigned ZSTD_versionNumber(void) { return 0; }

BrotliDecoderState *BrotliDecoderCreateInstance(brotli_alloc_func alloc_func, brotli_free_func free_func,
                                                void *opaque) {
  GDSLACK_STUB_CALLED();
  (void)alloc_func, (void)free_func, (void)opaque;
  return NULL;
}
void BrotliDecoderDestroyInstance(BrotliDecoderState *state) { (void)state; }
BrotliDecoderResult BrotliDecoderDecompressStream(BrotliDecoderState *state, size_t *available_in,
                                                  const uint8_t **next_in, size_t *available_out, uint8_t **next_out,
                                                  size_t *total_out) {
  (void)state, (void)available_in, (void)next_in, (void)available_out, (void)next_out, (void)total_out;
  return BROTLI_DECODER_RESULT_ERROR;
}
BrotliDecoderErrorCode BrotliDecoderGetErrorCode(const BrotliDecoderState *state) {
  (void)state;
  return BROTLI_DECODER_ERROR_UNREACHABLE;
}
uint32_t BrotliDecoderVersion(void) { return 0; }
