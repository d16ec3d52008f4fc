/* Tests under Wine only -- NEVER shipped. Rust's std on Windows draws random bytes from
 * ProcessPrng in bcryptprimitives.dll, present on every Windows 10/11 but missing from
 * Debian's Wine 8. This stand-in, placed beside the .exe, serves it from RtlGenRandom
 * (advapi32's SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
