// CPrefetch is header-only (one inline function); SwiftPM needs a source file per C target.
#include "CPrefetch.h"
