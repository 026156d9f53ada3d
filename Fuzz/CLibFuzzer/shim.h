// libFuzzer's entry point for programs that have their own `main` (SwiftPM renames every
// executable's entry point, so libFuzzer's `main` cannot be used). Linked by -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

// Each fuzz target defines it in Swift with @_cdecl; declared here so that main.swift can hand
// it to the driver without Swift emitting a second copy of the C entry point.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
