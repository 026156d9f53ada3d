// CIntrinsics is header-only (inline functions); SwiftPM needs a source file per C target.
#include "CIntrinsics.h"
