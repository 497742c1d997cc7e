#!/usr/bin/env bash
# check-glibc-ceiling.sh BINARY [MAX]  — the provided.al2023 gate (docs/PACKAGING.md,
# docs/reference/lambda.md#packaging).
#
# Prints the highest GLIBC_ symbol version BINARY imports, every versioned-symbol family it imports
# (GLIBC_, GLIBCXX_, CXXABI_, GCC_, CURL_...), its ELF interpreter and its NEEDED list. Exit status:
#   0  every GLIBC_ version <= MAX (default 2.34, Amazon Linux 2023), no GLIBCXX_/CXXABI_/GCC_/other
#      non-glibc symbol versions, and every NEEDED library is one of glibc's own
#      (libc, libm, libpthread, libdl, librt, ld-linux); libgcc_s.so.1 only with ALLOW_LIBGCC_S=1
#   1  a check failed (each failure is printed as "FAIL: ...")
#   2  usage error / tool missing
# Uses binutils only: the target's own objdump/readelf when the binary is for another machine
# (aarch64-linux-gnu-objdump for an AArch64 binary, from binutils-aarch64-linux-gnu), else the host's.
# The interpreter must be the system loader of the binary's machine: /lib64/ld-linux-x86-64.so.2 (x86-64)
# or /lib/ld-linux-aarch64.so.1 (AArch64).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 BINARY [MAX_GLIBC_VERSION]" >&2
  exit 2
fi
bin=$1
max=${2:-2.34}
for tool in objdump readelf sort; do
  command -v "$tool" >/dev/null || { echo "$0: $tool not found (install binutils)" >&2; exit 2; }
done
[[ -f $bin ]] || { echo "$0: no such file: $bin" >&2; exit 2; }

machine=$(readelf -h "$bin" 2>/dev/null | sed -n 's/^ *Machine: *//p')
objdump=objdump readelf=readelf
case $machine in
  *X86-64*) loader=/lib64/ld-linux-x86-64.so.2 loader_so=ld-linux-x86-64.so.2 ;;
  AArch64)
    loader=/lib/ld-linux-aarch64.so.1 loader_so=ld-linux-aarch64.so.1
    if [[ $(uname -m) != aarch64 ]]; then
      objdump=aarch64-linux-gnu-objdump readelf=aarch64-linux-gnu-readelf
      command -v "$objdump" >/dev/null || { echo "$0: $objdump not found (apt-get install binutils-aarch64-linux-gnu)" >&2; exit 2; }
    fi ;;
  *) echo "$0: unsupported ELF machine '${machine:-unknown}' in $bin (x86-64 and AArch64 only)" >&2; exit 2 ;;
esac

dynsyms=$("$objdump" -T "$bin" 2>/dev/null) || { echo "$0: objdump -T failed on $bin (not a dynamic ELF?)" >&2; exit 2; }
glibc_versions=$(grep -o 'GLIBC_[0-9][0-9.]*' <<<"$dynsyms" | sed 's/^GLIBC_//' | sort -uV || true)
highest=$(tail -n1 <<<"$glibc_versions")
families=$(grep -oE '\(?[A-Z][A-Z0-9_]*_[0-9][0-9.]*\)?' <<<"$dynsyms" | tr -d '()' | sed -E 's/_[0-9][0-9.]*$//' | sort -u | tr '\n' ' ' || true)
needed=$("$readelf" -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
interp=$("$readelf" -l "$bin" | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]/\1/p')

echo "binary:       $bin ($machine)"
echo "interpreter:  ${interp:-<none: static>}"
echo "max GLIBC:    GLIBC_${highest:-<none>} (ceiling GLIBC_$max)"
echo "versions:     ${families:-<none>}"
echo "NEEDED:       $(tr '\n' ' ' <<<"$needed")"

rc=0
if [[ -n $highest ]]; then
  top=$(printf '%s\n%s\n' "$highest" "$max" | sort -V | tail -n1)
  if [[ $top != "$max" ]]; then
    echo "FAIL: imports GLIBC_$highest > GLIBC_$max:"
    while read -r v; do
      if [[ $(printf '%s\n%s\n' "$v" "$max" | sort -V | tail -n1) != "$max" ]]; then
        grep -F "(GLIBC_$v)" <<<"$dynsyms" | awk '{print "  " $NF "@GLIBC_'"$v"'"}'
      fi
    done <<<"$glibc_versions"
    rc=1
  fi
fi
for fam in $families; do
  case $fam in
    GLIBC) ;;
    GCC) [[ ${ALLOW_LIBGCC_S:-0} == 1 ]] || { echo "FAIL: imports GCC_* symbols (libgcc_s.so.1); link with -static-libgcc"; rc=1; } ;;
    *) echo "FAIL: imports ${fam}_* versioned symbols (a library AL2023 may lack or version differently)"; rc=1 ;;
  esac
done
while read -r lib; do
  [[ -z $lib ]] && continue
  case $lib in
    libc.so.6|libm.so.6|libpthread.so.0|libdl.so.2|librt.so.1|"$loader_so") ;;
    libgcc_s.so.1) [[ ${ALLOW_LIBGCC_S:-0} == 1 ]] || { echo "FAIL: NEEDED libgcc_s.so.1 (not proven present on provided.al2023)"; rc=1; } ;;
    *) echo "FAIL: NEEDED $lib is not part of glibc"; rc=1 ;;
  esac
done <<<"$needed"
if [[ -n $interp && $interp != "$loader" ]]; then
  echo "FAIL: interpreter $interp is not the $machine system loader $loader"
  rc=1
fi
[[ $rc == 0 ]] && echo "PASS"
exit $rc
