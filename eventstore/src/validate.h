// Checks an append request against the limits in limits.h before it is queued.
#pragma once

#include <cstddef>
#include <string_view>

#include "trygg/eventstore/status.h"
#include "trygg/eventstore/types.h"

namespace trygg::eventstore {

// Well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF) with no control
// character (U+0000–U+001F, U+007F–U+009F).
bool IsPrintableUtf8(std::string_view text);

// OK, or kInvalidArgument naming the first field that breaks a limit.
Status ValidateAppend(const AppendRequest& request);

// The bytes an append counts against kMaxAppendBytes: types, payloads and metadata.
std::size_t AppendBytes(const AppendRequest& request);

}  // namespace trygg::eventstore
