# Link recipe for the AWS Lambda `provided.al2023` bootstrap (Amazon Linux 2023: glibc 2.34, GLIBCXX_3.4.29)
# built on Debian 12 (glibc 2.36, GCC 12). Measurements and reasoning: docs/PACKAGING.md; facts: docs/reference/lambda.md#packaging.
#
# Layout (a): ONE self-contained `bootstrap` whose only NEEDED entries are libc.so.6 and ld-linux-x86-64.so.2,
# every GLIBC_ symbol version <= 2.34, no libgcc_s.so.1, no libstdc++.so.6, no libcurl/libssl on the target.
#
#   include(cmake/LambdaPackage.cmake)        # top level, AFTER find_package(CURL/OpenSSL/Threads)
#   gdslack_lambda_link(guardduty-slack)      # no-op unless GDSLACK_LAMBDA_PACKAGE is ON
#
# What it does when GDSLACK_LAMBDA_PACKAGE is ON:
#  1. Once per build tree: CURL::libcurl, OpenSSL::SSL and OpenSSL::Crypto are re-pointed at Debian's static
#     archives (libcurl.a, libssl.a, libcrypto.a) and CURL::libcurl carries the static closure of libcurl.a:
#       libssl.a libcrypto.a libz.a  + gdslack_lambda_curl_stubs (src/lambda_link/*_stubs.c)
#     The stubs answer "not supported" for the back-ends libcurl.a is compiled with but guardduty-slack never
#     uses (it speaks HTTP/1.1 and HTTPS only, without cookies, content decoding or non-ASCII host names):
#       GSS-API, LDAP, RTMP   (curl_backend_stubs.c: no usable static library on Debian 12 at all)
#       SSH (scp/sftp)        (ssh_stubs.c, instead of libssh2.a)
#       HTTP/2                (http2_stubs.c, instead of libnghttp2.a)
#       zstd, brotli          (content_decoding_stubs.c, instead of libzstd.a, libbrotlidec.a, libbrotlicommon.a)
#       IDN, public suffixes  (idn_psl_stubs.c, instead of libidn2.a, libunistring.a, libpsl.a)
#     Together ~1.2 MB less code in the bootstrap (docs/PERFORMANCE.md §6). This applies to every consumer in
#     this build tree (unit tests of the release preset then run against exactly the library code that ships).
#     Each stub's first entry point counts its calls; tests/package/probe.cc --stub-selftest drives every
#     back-end through libcurl and checks that a stub answered with a clean error.
#  2. For <target>: -static-libstdc++ -static-libgcc, plus two hidden local definitions that keep the static
#     GCC runtime within glibc 2.34: arc4random (libstdc++.a random.o wants arc4random@GLIBC_2.36) and
#     _dl_find_object (libgcc_eh.a wants _dl_find_object@GLIBC_2.35), both over older glibc interfaces
#     (getrandom@GLIBC_2.25, dl_iterate_phdr@GLIBC_2.2.5). -Wl,--gc-sections,--as-needed keep it small and
#     drop unused NEEDED entries. A third, fenv_rounding.c, defines fegetround/fesetround so that the
#     bootstrap does not load libm.so.6 for a reference --gc-sections removes anyway.
#  3. A POST_BUILD gate runs scripts/check-glibc-ceiling.sh on the linked binary (fails the build above 2.34
#     or on a NEEDED library outside glibc's own set).
#
# Build dependencies (Debian 12 packages, all from the archive; no downloads):
#   libcurl4-openssl-dev libssl-dev zlib1g-dev, and for the stubs' headers libnghttp2-dev libpsl-dev
#   libidn2-dev libssh2-1-dev libzstd-dev libbrotli-dev
include_guard(GLOBAL)

# The package trees (presets release, release-arm64) compile for size: -Os, and one section per function and
# object so --gc-sections drops what the bootstrap never references. Measured on the bootstrap: 8.99 -> 7.58 MB
# (-O3 -> -Os with sections), the zip 0.4 MB smaller; warm per-invocation time unchanged within noise
# (docs/PERFORMANCE.md §6). Everything built in these trees, tests and benchmarks included, is the code that ships.
if(GDSLACK_LAMBDA_PACKAGE)
  add_compile_options(-ffunction-sections -fdata-sections $<$<CONFIG:Release>:-Os>)
endif()

set(GDSLACK_LAMBDA_MAX_GLIBC "2.34" CACHE STRING "Highest GLIBC_ symbol version allowed in the Lambda bootstrap")
set(_GDSLACK_LAMBDA_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." CACHE INTERNAL "")

# Finds lib<name>.a (static only) into GDSLACK_LAMBDA_<NAME>_A; fatal error naming the Debian package if absent.
function(_gdslack_lambda_find_static name package)
  string(TOUPPER "${name}" upper)
  string(REPLACE "-" "_" upper "${upper}")
  set(var GDSLACK_LAMBDA_${upper}_A)
  find_library(${var} NAMES lib${name}.a)
  if(NOT ${var})
    message(FATAL_ERROR "GDSLACK_LAMBDA_PACKAGE=ON needs the static library lib${name}.a "
                        "(Debian package ${package}): apt-get install ${package}")
  endif()
  mark_as_advanced(${var})
endfunction()

# Re-points an UNKNOWN IMPORTED target (FindCURL/FindOpenSSL) at a static archive, for every configuration.
function(_gdslack_lambda_repoint target archive)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "gdslack_lambda_link: ${target} not defined; include LambdaPackage.cmake after find_package()")
  endif()
  set_property(TARGET ${target} PROPERTY IMPORTED_LOCATION "${archive}")
  get_property(configs TARGET ${target} PROPERTY IMPORTED_CONFIGURATIONS)
  foreach(cfg IN LISTS configs)
    string(TOUPPER "${cfg}" cfg)
    set_property(TARGET ${target} PROPERTY IMPORTED_LOCATION_${cfg} "${archive}")
  endforeach()
endfunction()

function(_gdslack_lambda_static_deps)
  get_property(done GLOBAL PROPERTY _GDSLACK_LAMBDA_STATIC_DEPS_DONE)
  if(done)
    return()
  endif()
  set_property(GLOBAL PROPERTY _GDSLACK_LAMBDA_STATIC_DEPS_DONE TRUE)

  _gdslack_lambda_find_static(curl libcurl4-openssl-dev)
  _gdslack_lambda_find_static(ssl libssl-dev)
  _gdslack_lambda_find_static(crypto libssl-dev)
  _gdslack_lambda_find_static(z zlib1g-dev)

  # "Not supported" entry points for the back-ends libcurl.a references but the product never uses (see each
  # source's header). They compile against the real libraries' headers (libssh2-1-dev, libnghttp2-dev,
  # libzstd-dev, libbrotli-dev, libidn2-dev, libpsl-dev: all dependencies of libcurl4-openssl-dev).
  set(stub_dir "${_GDSLACK_LAMBDA_ROOT}/src/lambda_link")
  add_library(gdslack_lambda_curl_stubs STATIC "${stub_dir}/curl_backend_stubs.c" "${stub_dir}/ssh_stubs.c"
    "${stub_dir}/http2_stubs.c" "${stub_dir}/content_decoding_stubs.c" "${stub_dir}/idn_psl_stubs.c")
  set_target_properties(gdslack_lambda_curl_stubs PROPERTIES C_VISIBILITY_PRESET hidden POSITION_INDEPENDENT_CODE ON)

  find_package(Threads REQUIRED)
  _gdslack_lambda_repoint(OpenSSL::Crypto "${GDSLACK_LAMBDA_CRYPTO_A}")
  set_property(TARGET OpenSSL::Crypto PROPERTY INTERFACE_LINK_LIBRARIES Threads::Threads ${CMAKE_DL_LIBS})
  _gdslack_lambda_repoint(OpenSSL::SSL "${GDSLACK_LAMBDA_SSL_A}")
  set_property(TARGET OpenSSL::SSL PROPERTY INTERFACE_LINK_LIBRARIES OpenSSL::Crypto)

  # Order matters for static archives: each one before the archives it uses.
  _gdslack_lambda_repoint(CURL::libcurl "${GDSLACK_LAMBDA_CURL_A}")
  set_property(TARGET CURL::libcurl PROPERTY INTERFACE_LINK_LIBRARIES
    OpenSSL::SSL OpenSSL::Crypto "${GDSLACK_LAMBDA_Z_A}" gdslack_lambda_curl_stubs Threads::Threads ${CMAKE_DL_LIBS})
  message(STATUS "Lambda package: static libcurl/OpenSSL closure (${GDSLACK_LAMBDA_CURL_A}, ${GDSLACK_LAMBDA_SSL_A})")
endfunction()

# gdslack_lambda_link(<target> [NO_CHECK])
function(gdslack_lambda_link target)
  cmake_parse_arguments(GLL "NO_CHECK" "" "" ${ARGN})
  if(NOT GDSLACK_LAMBDA_PACKAGE)
    return()
  endif()
  if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux" OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "gdslack_lambda_link: the recipe is for GCC on Linux (got ${CMAKE_CXX_COMPILER_ID} on ${CMAKE_SYSTEM_NAME})")
  endif()
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(NOT "C" IN_LIST languages)
    message(FATAL_ERROR "gdslack_lambda_link: enable the C language in project() (the shims are C)")
  endif()
  _gdslack_lambda_static_deps()
  find_program(GDSLACK_LLD NAMES ld.lld)
  if(NOT GDSLACK_LLD)
    message(FATAL_ERROR "GDSLACK_LAMBDA_PACKAGE=ON links with LLVM's linker: apt-get install lld")
  endif()
  file(REAL_PATH "${GDSLACK_LLD}" lld_real)
  get_filename_component(GDSLACK_LLD_DIR "${lld_real}" DIRECTORY)

  # Must be object files of the executable itself (not an archive): libstdc++.a and libgcc_eh.a come last on
  # the link line, after every user archive has been scanned.
  target_sources(${target} PRIVATE
    "${_GDSLACK_LAMBDA_ROOT}/src/lambda_link/arc4random.c"
    "${_GDSLACK_LAMBDA_ROOT}/src/lambda_link/dl_find_object.c"
    "${_GDSLACK_LAMBDA_ROOT}/src/lambda_link/fenv_rounding.c"
    "${_GDSLACK_LAMBDA_ROOT}/src/lambda_link/prefault.c")
  # -no-pie: a static-closure PIE carries ~22,600 R_*_RELATIVE relocations (vtables, curl/OpenSSL method
  # tables) that ld.so applies at every start, dirtying ~400 KB of .data.rel.ro; a fixed-address executable
  # has none (docs/PERFORMANCE.md §6). The archives' PIC/PIE objects link into it unchanged; ASLR still
  # randomises the stack, heap, libc and mmaps.
  # LLVM's linker (Debian package lld): with the same inputs its layout keeps ~180 KiB fewer pages resident
  # in the running bootstrap than GNU ld's (docs/PERFORMANCE.md §6). -B names its directory, because a cross
  # gcc looks for ld.lld only there, not on PATH.
  # --symbol-ordering-file: the functions the bootstrap runs through init and its first invocation come first
  # in .text, in the order they first run (src/lambda_link/bootstrap.order, made by scripts/order-symbols.sh).
  # Init then touches ~150 adjacent pages of text instead of ~240 spread over 4.6 MB, and each page fault
  # costs ~10 us on a virtual machine (docs/PERFORMANCE.md §6, "Fourth round"). Names the file does not
  # match (another architecture's, or a stale list) are skipped without a warning: only speed depends on it.
  set(order_file "${_GDSLACK_LAMBDA_ROOT}/src/lambda_link/bootstrap.order")
  target_link_options(${target} PRIVATE
    -fuse-ld=lld "-B${GDSLACK_LLD_DIR}"
    -static-libstdc++ -static-libgcc -no-pie
    LINKER:--gc-sections LINKER:--as-needed
    LINKER:-z,relro LINKER:-z,now
    "LINKER:--symbol-ordering-file=${order_file}" LINKER:--no-warn-symbol-ordering)
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${order_file}")

  if(NOT GLL_NO_CHECK)
    set(gate_cmd "${_GDSLACK_LAMBDA_ROOT}/scripts/check-glibc-ceiling.sh" "$<TARGET_FILE:${target}>" "${GDSLACK_LAMBDA_MAX_GLIBC}")
    get_target_property(target_dir ${target} SOURCE_DIR)
    if(target_dir STREQUAL CMAKE_CURRENT_SOURCE_DIR)
      # Same directory as add_executable(): gate right after the link.
      add_custom_command(TARGET ${target} POST_BUILD COMMAND ${gate_cmd}
        COMMENT "Lambda gate: GLIBC <= ${GDSLACK_LAMBDA_MAX_GLIBC}, NEEDED within glibc for ${target}" VERBATIM)
    else()
      # CMake 3.25 allows POST_BUILD only in the target's own directory: use a gate target in `all` instead.
      add_custom_target(${target}-lambda-gate ALL COMMAND ${gate_cmd} DEPENDS ${target}
        COMMENT "Lambda gate: GLIBC <= ${GDSLACK_LAMBDA_MAX_GLIBC}, NEEDED within glibc for ${target}" VERBATIM)
    endif()
  endif()
endfunction()
