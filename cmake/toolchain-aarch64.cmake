# Cross-compiling for Linux/aarch64 (AWS Lambda arm64, Graviton) on a Debian 12 x86_64 host.
#
# Needs Debian's cross toolchain and the :arm64 -dev packages (scripts/install-deps.sh installs them):
#   dpkg --add-architecture arm64 && apt-get update
#   apt-get install g++-aarch64-linux-gnu qemu-user-static libcurl4-openssl-dev:arm64 libssl-dev:arm64 ...
# Used by the `release-arm64` preset (CMakePresets.json). Libraries are found in Debian's multiarch
# directories (/usr/lib/aarch64-linux-gnu): CMake derives CMAKE_LIBRARY_ARCHITECTURE=aarch64-linux-gnu from
# the compiler, and pkg-config is pointed at the arm64 .pc files only, so no x86_64 library can be picked.
#
# Every executable (unit tests too, via the preset's CMAKE_EXE_LINKER_FLAGS) links libstdc++/libgcc statically, as the
# bootstrap does, so at run time only glibc is needed: libc6:arm64 (no libstdc++6:arm64 package).
# Tests run under qemu-user (CMAKE_CROSSCOMPILING_EMULATOR), called directly because binfmt_misc is not
# mounted on the build machines. No `-L` prefix is needed: libc6:arm64 (a dependency of the :arm64 -dev
# packages) installs the aarch64 loader at /lib/ld-linux-aarch64.so.1 on the host, and its libraries in
# /lib/aarch64-linux-gnu. (Debian's cross sysroot /usr/aarch64-linux-gnu holds an older build of the same
# glibc, used only at link time; mixing its loader with the multiarch libc.so.6 at run time would not be safe.)
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_STRIP aarch64-linux-gnu-strip CACHE FILEPATH "")

find_program(GDSLACK_QEMU_AARCH64 qemu-aarch64-static)
if(GDSLACK_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${GDSLACK_QEMU_AARCH64}" CACHE STRING "Runs aarch64 test binaries on the host")
endif()

# Headers/libraries: only the target's (multiarch) ones; programs: the host's.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
