# The Lambda package (release presets): the zip is built from this tree's binary, gated at GLIBC <= 2.34 and
# run in a near-empty root (glibc's own files, a test CA at Amazon Linux's path) against the stand-ins.
# release-arm64 (cross-built): the same under qemu-aarch64-static (tests/package/test_chroot.sh --arch arm64).
if(GDSLACK_LAMBDA_PACKAGE)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
    set(GDSLACK_LAMBDA_ARCH arm64)
  else()
    set(GDSLACK_LAMBDA_ARCH x86_64)
  endif()
  add_test(NAME package.glibc_ceiling
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/check-glibc-ceiling.sh $<TARGET_FILE:bootstrap> 2.34)
  add_test(NAME package.chroot
    COMMAND bash -c "SKIP_BUILD=1 ${PROJECT_SOURCE_DIR}/scripts/package-lambda.sh ${GDSLACK_LAMBDA_ARCH} && ${PROJECT_SOURCE_DIR}/tests/package/test_chroot.sh --arch ${GDSLACK_LAMBDA_ARCH} ${PROJECT_BINARY_DIR}/guardduty-slack-lambda-${GDSLACK_LAMBDA_ARCH}.zip")
  set_tests_properties(package.glibc_ceiling package.chroot PROPERTIES LABELS package TIMEOUT 600)
  set_tests_properties(package.chroot PROPERTIES RUN_SERIAL TRUE)
  # CONFIG= packaging of a routing file (the host CLI checks it first, so x86_64 only).
  if(GDSLACK_LAMBDA_ARCH STREQUAL "x86_64")
    add_test(NAME package.config_zip
      COMMAND bash ${PROJECT_SOURCE_DIR}/tests/package/test_config_zip.sh ${PROJECT_BINARY_DIR})
    set_tests_properties(package.config_zip PROPERTIES LABELS package TIMEOUT 300 DEPENDS package.chroot)
  endif()
endif()
