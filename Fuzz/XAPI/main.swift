import CLibFuzzer

#if canImport(Glibc)
  import Glibc
#endif

// SwiftPM gives every executable its own entry point, so this program hands over to libFuzzer.
var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput))
