/* A stand-in for Windows' bcryptprimitives.dll, for the Wine prefix that tests the Windows
 * bundle (build/build.sh wine_shims) — never shipped. Programs built with Rust 1.78 or later
 * (cryptography's and polars' compiled parts) import ProcessPrng from it at start; Windows 8
 * and later have it, Wine 8.0 (Debian 12) does not. It fills the buffer from RtlGenRandom
 * (advapi32's SystemFunction036), the generator Windows' own ProcessPrng also draws from. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
